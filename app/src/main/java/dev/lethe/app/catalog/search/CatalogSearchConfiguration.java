package dev.lethe.app.catalog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.catalog.search.CatalogIndex;
import dev.lethe.catalog.search.CatalogIndexer;
import dev.lethe.catalog.tenant.Tenants;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog's search index and the timer that keeps it in step with the outbox. */
@Configuration(proxyBeanMethods = false)
class CatalogSearchConfiguration {

    @Bean
    CatalogIndex catalogIndex(ElasticsearchClient client) {
        return new CatalogIndex(client);
    }

    @Bean
    CatalogIndexer catalogIndexer(
            DSLContext dsl, Tenants tenants, CatalogIndex index, CatalogSearchProperties properties) {
        return new CatalogIndexer(dsl, tenants, index, properties.batchSize());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService catalogIndexTimer(CatalogIndexer indexer, CatalogSearchProperties properties) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("catalog-indexer").daemon().factory());
        long every = properties.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(indexer::pollAll, every, every, TimeUnit.MILLISECONDS);
        return timer;
    }
}
