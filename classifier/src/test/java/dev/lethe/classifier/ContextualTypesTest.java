package dev.lethe.classifier;

import static dev.lethe.classifier.FoundInText.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Nationalities, religious and political groups, titles, dates and times, postal codes, domains and handles. */
class ContextualTypesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "She is Nigerian and works nights.|NATIONALITY[Nigerian]",
                "The applicant is a Brazilian citizen.|NATIONALITY[Brazilian]",
                "I'm Polish, please write in English.|NATIONALITY[Polish]",
                "Die Kundin ist türkische Staatsbürgerin.|NATIONALITY[türkische]",
                "He is a practising Muslim and fasts this month.|RELIGION[Muslim]",
                "Er ist katholisch und arbeitet nicht sonntags.|RELIGION[katholisch]",
                "My neighbour has voted Labour all his life.|POLITICAL_GROUP[Labour]",
                "Sie ist Mitglied der SPD seit Jahren.|POLITICAL_GROUP[SPD]",
                "Appointment moved, see you on 12 June 2024 then.|DATE_TIME[12 June 2024]",
                "We have been customers since March 2019 without problems.|DATE_TIME[March 2019]",
                "Der Vertrag endet am 14.03.2025 automatisch.|DATE_TIME[14.03.2025]",
                "Please come back after 5pm tomorrow.|DATE_TIME[5pm]",
                "Termin um 15:30 Uhr bestätigt.|DATE_TIME[15:30 Uhr]",
                "My zip code is 94103 but the form rejects it.|ZIP_CODE[94103]",
                "Postcode SW1A 2AA, the rest is on file.|ZIP_CODE[SW1A 2AA]",
                "Meine PLZ ist 80336 und die Straße fehlt.|ZIP_CODE[80336]",
                "See my portfolio at annika-design.de for references.|DOMAIN_NAME[annika-design.de]",
                "Our shop moved to harbourlane-books.co.uk last year.|DOMAIN_NAME[harbourlane-books.co.uk]",
                "My username is lukas_dv84 if that helps.|USERNAME[lukas_dv84]",
                "Ping me on Slack, I'm @amara.h there.|USERNAME[@amara.h]",
                "Mein Benutzername lautet hauke_h für das Portal.|USERNAME[hauke_h]",
            })
    void findsTheContextualType(String text, String expected) {
        assertThat(found(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The German keyboard layout is missing two keys.",
                "The French press and the Italian espresso maker are on sale.",
                "Die deutsche Tastatur fehlt im Menü.",
                "Labour costs went up by 5% this year.",
                "May I ask for a refund on the Family Bundle?",
                "Please update to version 3.12 of the Android app.",
                "The file report.pdf is attached, open settings.json to change the port.",
                "Total was 94103 points, a new high score.",
                "Order 4711 total 34 EUR, shipped 3 items.",
                "Import com.example.app and dev.lethe.classifier first.",
                "Christian Dietrich asked for a callback.",
                "The Deutsche Bahn strike delayed the parcel.",
            })
    void leavesLookAlikesAlone(String text) {
        assertThat(found(text))
                .noneMatch(f -> f.startsWith("NATIONALITY")
                        || f.startsWith("RELIGION")
                        || f.startsWith("POLITICAL_GROUP")
                        || f.startsWith("DATE_TIME")
                        || f.startsWith("ZIP_CODE")
                        || f.startsWith("DOMAIN_NAME")
                        || f.startsWith("USERNAME"));
    }

    @ParameterizedTest
    @CsvSource({
        "NATIONALITY,identity.nationality",
        "RELIGION,special.religious_beliefs",
        "POLITICAL_GROUP,special.political_opinions",
        "TITLE,identity.title",
        "DATE_TIME,identity.date_time",
        "ZIP_CODE,location.postal_code",
        "DOMAIN_NAME,online.domain",
        "USERNAME,online.username",
    })
    void eachTypeHasACatalogCategory(PiiType type, String category) {
        assertThat(type.category()).isEqualTo(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dear Mrs. Okonkwo, thanks", "Guten Tag Frau Lindqvist, danke"})
    void titlesBeforeANameAreReported(String text) {
        assertThat(found(text)).anyMatch(f -> f.startsWith("TITLE[")).anyMatch(f -> f.startsWith("PERSON_NAME["));
    }
}
