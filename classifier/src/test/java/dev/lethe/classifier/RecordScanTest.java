package dev.lethe.classifier;

import static dev.lethe.classifier.Scans.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordScanTest {

    @Test
    void reportsJsonPathsOfNestedFieldsAndArrays() {
        String record = """
                {"customer":{"email":"anna@example.org","name":"Zoltan Kovacs"},
                 "items":[{"sku":"A-1"},{"iban":"DE89370400440532013000"}]}""";
        assertThat(json(record))
                .containsExactly(
                        "$.customer.email EMAIL_ADDRESS", "$.customer.name PERSON_NAME", "$.items[1].iban IBAN");
    }

    @Test
    void fieldNamesInEveryLanguageAreEvidence() {
        assertThat(json("{\"e_mail\":\"x@example.com\",\"courriel\":\"y@example.fr\"}"))
                .containsExactly("$.e_mail EMAIL_ADDRESS", "$.courriel EMAIL_ADDRESS");
        assertThat(json("{\"geburtsdatum\":\"12.03.1985\",\"fecha_nacimiento\":\"1985-03-12\",\"dob\":\"03/12/1985\"}"))
                .containsExactly(
                        "$.geburtsdatum DATE_OF_BIRTH", "$.fecha_nacimiento DATE_OF_BIRTH", "$.dob DATE_OF_BIRTH");
        assertThat(json("{\"telefon\":\"030 1234567\",\"geslacht\":\"vrouw\",\"leeftijd\":42}"))
                .containsExactly("$.telefon PHONE_NUMBER", "$.geslacht GENDER", "$.leeftijd AGE");
        assertThat(json("{\"bsn\":\"111222333\",\"nachname\":\"Okonkwo\",\"password\":\"p4ss\"}"))
                .containsExactly("$.bsn NL_BSN", "$.nachname PERSON_NAME", "$.password PASSWORD");
    }

    @Test
    void weakValuesCountOnlyUnderTellingNames() {
        assertThat(json("{\"ssn\":\"123456789\"}")).containsExactly("$.ssn US_SSN");
        assertThat(json("{\"quantity\":\"123456789\"}")).isEmpty();
        assertThat(json("{\"name\":\"Zoltan Kovacs\",\"product_name\":\"Super Widget\"}"))
                .containsExactly("$.name PERSON_NAME");
        assertThat(json("{\"created\":\"1985-03-12\"}")).isEmpty();
    }

    @Test
    void strongValuesCountUnderAnyName() {
        assertThat(json("{\"x\":\"DE89370400440532013000\",\"y\":\"mail me: a@b.example\"}"))
                .containsExactly("$.x IBAN", "$.y EMAIL_ADDRESS");
        assertThat(json("{\"order_id\":\"4532015112830366\"}")).isEmpty();
    }

    @Test
    void scansProseInsideFieldsWithSpansInTheString() {
        String record = "{\"note\":\"Customer Hans Müller called from +49 30 1234567 about his card\"}";
        List<Finding> findings = Scans.CLASSIFIER.scanJson(record);
        assertThat(findings).extracting(Finding::type).containsExactly(PiiType.PERSON_NAME, PiiType.PHONE_NUMBER);
        assertThat(findings.get(1).path()).isEqualTo("$.note");
        assertThat(findings.get(1).start()).isEqualTo(33);
        assertThat(findings.get(1).end()).isEqualTo(47);
    }

    @Test
    void marksSpecialCategoriesFromFieldNames() {
        List<Finding> findings = Scans.CLASSIFIER.scanJson(
                "{\"patient\":{\"email\":\"a@b.example\"},\"diagnosis\":\"asthma\",\"religion\":\"none given\","
                        + "\"has_diabetes\":true,\"gewerkschaft\":\"IG Metall\"}");
        assertThat(findings)
                .extracting(Finding::path, Finding::type, Finding::category)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$.patient.email", PiiType.EMAIL_ADDRESS, "special.health"),
                        org.assertj.core.groups.Tuple.tuple("$.diagnosis", PiiType.SPECIAL_CATEGORY, "special.health"),
                        org.assertj.core.groups.Tuple.tuple("$.religion", PiiType.SPECIAL_CATEGORY, "special.religion"),
                        org.assertj.core.groups.Tuple.tuple(
                                "$.has_diabetes", PiiType.SPECIAL_CATEGORY, "special.health"),
                        org.assertj.core.groups.Tuple.tuple(
                                "$.gewerkschaft", PiiType.SPECIAL_CATEGORY, "special.trade_union"));
        assertThat(PiiClassifier.specialCategoryOf("sexualOrientation")).contains(SpecialCategory.SEX_LIFE_ORIENTATION);
        assertThat(PiiClassifier.specialCategoryOf("orientation")).isEmpty();
    }

    @Test
    void quotesPathSegmentsThatAreNotIdentifiers() {
        assertThat(json("{\"contact info\":{\"e-mail\":\"a@b.example\"}}"))
                .containsExactly("$['contact info'].e-mail EMAIL_ADDRESS");
    }

    @Test
    void topLevelStringIsFreeText() {
        List<Finding> findings = Scans.CLASSIFIER.scanJson("\"write to a@b.example\"");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.path()).isNull();
            assertThat(f.start()).isEqualTo(9);
        });
    }

    @Test
    void scansParsedRecordsTheSameWay() {
        Map<String, Object> record = Map.of("customer", Map.of("iban", "DE89370400440532013000"), "tags", List.of("x"));
        assertThat(Scans.CLASSIFIER.scanRecord(record))
                .extracting(Finding::path)
                .containsExactly("$.customer.iban");
    }

    @Test
    void rejectsInvalidOrTooDeepJsonWithoutEchoingContent() {
        assertThatThrownBy(() -> Scans.CLASSIFIER.scanJson("{\"email\":\"secret@x.example\""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("secret");
        String deep = "[".repeat(65) + "]".repeat(65);
        assertThatThrownBy(() -> Scans.CLASSIFIER.scanJson(deep)).hasMessageContaining("nesting deeper than 64");
        String ok = "[".repeat(64) + "]".repeat(64);
        assertThat(Scans.CLASSIFIER.scanJson(ok)).isEmpty();
        assertThatThrownBy(() -> Scans.CLASSIFIER.scanJson("{\"a\":01}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Scans.CLASSIFIER.scanJson("{} x")).isInstanceOf(InvalidInputException.class);
    }
}
