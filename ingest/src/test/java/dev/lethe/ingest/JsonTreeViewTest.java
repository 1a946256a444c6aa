package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.classifier.Finding;
import dev.lethe.classifier.InvalidInputException;
import dev.lethe.classifier.PiiClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonTreeViewTest {

    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theTreeYieldsTheFindingsOfItsTextInStrings() {
        JsonNode root = JSON.readTree("""
                {"customer":{"id":"cust-7","name":"Anna Schmidt","email":"anna@example.org",
                 "phones":["+49 30 1234567",{"mobile":"+49 151 23456789"}]},
                 "payment":{"card_number":"4111 1111 1111 1111","iban":"DE89370400440532013000","amount":12.5},
                 "odd key.with dots":"lukas@example.com","age":42,"vip":true,"note":null,
                 "text":"Please call Anna Schmidt on +49 30 7654321 or write to anna@example.org"}""");

        List<Finding> fromTree = CLASSIFIER.scanRecord(JsonTreeView.of(root));
        List<Finding> fromTextInStrings = CLASSIFIER.scanJson(root.toString()).stream()
                .filter(finding -> finding.path() != null && isString(root, finding.path()))
                .toList();

        assertThat(fromTree).isNotEmpty().containsExactlyElementsOf(fromTextInStrings);
    }

    @Test
    void nestingBeyondTheClassifiersLimitIsRefusedAsForText() {
        JsonNode deep = JSON.readTree("{\"a\":".repeat(70) + "\"x\"" + "}".repeat(70));

        assertThatThrownBy(() -> CLASSIFIER.scanRecord(JsonTreeView.of(deep)))
                .isInstanceOf(InvalidInputException.class);
    }

    private static boolean isString(JsonNode root, String path) {
        JsonNode node = JsonPath.parse(path).find(root);
        return node != null && node.isString();
    }
}
