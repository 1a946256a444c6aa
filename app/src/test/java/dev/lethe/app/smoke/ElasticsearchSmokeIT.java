package dev.lethe.app.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.infra.testing.UniqueNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ElasticsearchSmokeIT extends AppIntegrationTest {

    /** Shaped like a subject locator entry: a hashed subject and where their data lives. */
    record Entry(String subject, String system) {}

    @Autowired
    ElasticsearchClient client;

    @Test
    void aDocumentIndexedThroughTheClientIsFoundBySearch() throws Exception {
        String index = UniqueNames.of("smoke");
        client.indices()
                .create(create -> create.index(index)
                        .mappings(mappings -> mappings.properties(
                                        "subject", property -> property.keyword(keyword -> keyword))
                                .properties("system", property -> property.keyword(keyword -> keyword))));
        client.index(request -> request.index(index)
                .id("1")
                .document(new Entry("h:9f2c", "shop"))
                .refresh(Refresh.True));
        client.index(request -> request.index(index)
                .id("2")
                .document(new Entry("h:other", "crm"))
                .refresh(Refresh.True));

        var hits = client.search(
                        search -> search.index(index)
                                .query(query ->
                                        query.term(term -> term.field("subject").value("h:9f2c"))),
                        Entry.class)
                .hits()
                .hits();

        assertThat(hits).hasSize(1);
        assertThat(hits.getFirst().id()).isEqualTo("1");
        assertThat(hits.getFirst().source()).isEqualTo(new Entry("h:9f2c", "shop"));
    }
}
