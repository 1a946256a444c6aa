package dev.lethe.classifier;

import static dev.lethe.classifier.FoundInText.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Towns that close an address, places the tagger took for people and names it took for places, given names
 * and particles the tagger left out, and products after an article.
 */
class PlacesInProseTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Please send the parts to 14 Rowan Lane, Kilkenny.|POSTAL_ADDRESS[14 Rowan Lane, Kilkenny]",
                "New address on file: 7 Foxglove Road, Dundee.|POSTAL_ADDRESS[7 Foxglove Road, Dundee]",
                "Our client Maren Holt travels between Utrecht and Belgium a lot.|LOCATION[Utrecht]",
                "Our client Maren Holt travels between Utrecht and Belgium a lot.|LOCATION[Belgium]",
                "Tickets for Lukas and Marta to Belgium are booked.|PERSON_NAME[Lukas]",
                "Tickets for Lukas and Marta to Belgium are booked.|PERSON_NAME[Marta]",
                "Please phone Chidera Lindholm on 020 7946 0000 after 6 pm.|PERSON_NAME[Chidera Lindholm]",
                "To Mr van Leeuwen: the papers are ready for signature.|TITLE[Mr]",
                "To Mr van Leeuwen: the papers are ready for signature.|PERSON_NAME[van Leeuwen]",
                "Our customer Ottilie van Leeuwen moved last week.|PERSON_NAME[Ottilie van Leeuwen]",
                "Guten Morgen Herrn Albers, Ihr Termin steht.|TITLE[Herrn]",
            })
    void findsThePlaceOrPerson(String text, String expected) {
        assertThat(found(text)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "The Orion Blender 5000 is louder than expected.",
                "the orion blender 5000 was activated for my account yesterday.",
                "My Galaxy Tab stopped charging.",
            })
    void aProductAfterAnArticleIsNoPerson(String text) {
        assertThat(found(text)).noneMatch(f -> f.startsWith("PERSON_NAME"));
    }
}
