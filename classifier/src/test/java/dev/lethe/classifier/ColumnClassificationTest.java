package dev.lethe.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnClassificationTest {

    private final PiiClassifier classifier = Scans.CLASSIFIER;

    @Test
    void classifiesByShareOfValidatingValues() {
        ColumnClassification column = classifier.classifyColumn(
                "contact", List.of("a@b.example", "c.d@e.example", "", "f@g.example", "unknown"));
        assertThat(column.type()).isEqualTo(PiiType.EMAIL_ADDRESS);
        assertThat(column.sampled()).isEqualTo(4);
        assertThat(column.shares()).containsEntry(PiiType.EMAIL_ADDRESS, 0.75);
        assertThat(column.category()).isEqualTo("contact.email");
    }

    @Test
    void aTellingNameNeedsASmallerShare() {
        List<String> sample = List.of("111222333", "n/a", "123456782", "-", "none", "?");
        assertThat(classifier.classifyColumn("bsn", sample).type()).isEqualTo(PiiType.NL_BSN);
        assertThat(classifier.classifyColumn("code", sample).type()).isNull();
    }

    @Test
    void columnsOfIdsAndPricesHoldNoPii() {
        ColumnClassification column = classifier.classifyColumn("order_id", List.of("4532015112830366", "123", "9876"));
        assertThat(column.isPersonalData()).isFalse();
    }

    @Test
    void specialCategoryColumnsArePersonalDataWhateverTheirValues() {
        ColumnClassification column = classifier.classifyColumn("diagnosis", List.of("asthma", "diabetes"));
        assertThat(column.special()).isEqualTo(SpecialCategory.HEALTH);
        assertThat(column.category()).isEqualTo("special.health");
        assertThat(column.isPersonalData()).isTrue();
    }
}
