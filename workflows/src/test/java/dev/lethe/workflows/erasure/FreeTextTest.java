package dev.lethe.workflows.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.FieldStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreeTextTest {

    @ParameterizedTest
    @CsvSource({
        "text, contact.email, , true",
        "TEXT, contact.email, , true",
        "character varying, identity.name, , true",
        "varchar(4000), identity.name, , true",
        "varchar(100), identity.name, , false",
        "string, identity.name, , false",
        "text, , , false",
        "text, contact.email, email, false",
        "uuid, contact.email, , false"
    })
    void freeTextIsUnboundedTextWithPersonalDataThatIsNoIdentity(
            String type, String category, String identity, boolean freeText) {
        DataField field = new DataField(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "f",
                type,
                category == null ? List.of() : List.of(category),
                identity,
                FieldStatus.CONFIRMED,
                null,
                null,
                null,
                0,
                null,
                null,
                null);

        assertThat(FreeText.is(field)).isEqualTo(freeText);
    }
}
