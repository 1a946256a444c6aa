package dev.lethe.classifier;

import static dev.lethe.classifier.FoundInText.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Employers, schools and clubs in prose: names with a head noun or legal form, after a label or a cue, in
 * English and German. The names here are not in the tagger's training or evaluation lists.
 */
class OrganizationsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Employer: Harwick Bank, Utrecht.|ORGANIZATION[Harwick Bank]",
                "Best wishes, Oskar Lind (Harbourside Rowing Club)|ORGANIZATION[Harbourside Rowing Club]",
                "She has worked at Carrow Software Ltd since last year.|ORGANIZATION[Carrow Software Ltd]",
                "The invoice from Barker & Lowe LLP is attached.|ORGANIZATION[Barker & Lowe LLP]",
                "My daughter studies at the University of Galway now.|ORGANIZATION[University of Galway]",
                "Arbeitgeber: Stadtwerke Rosenheim, München.|ORGANIZATION[Stadtwerke Rosenheim]",
                "Er arbeitet bei der Firma Klinikum Talblick und wohnt in Bremen.|ORGANIZATION[Klinikum Talblick]",
                "Die Unterlagen liegen bei Schulz & Partner Steuerberatung.|ORGANIZATION[Schulz & Partner Steuerberatung]",
                "Viele Grüße, Jana Brenner (Kessler Logistik GmbH)|ORGANIZATION[Kessler Logistik GmbH]",
                "Unser Sohn geht auf das Gymnasium am Stadtpark in Fulda.|ORGANIZATION[Gymnasium am Stadtpark]",
                "transfer confirmed by northfield logistics gmbh this morning|ORGANIZATION[northfield logistics gmbh]",
                "my sister joined harwick bank last spring|ORGANIZATION[harwick bank]",
            })
    void findsTheOrganisation(String text, String expected) {
        assertThat(found(text)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Employer: Harwick Bank, Utrecht.|LOCATION[Utrecht]",
                "Best wishes, Oskar Lind (Harbourside Rowing Club)|PERSON_NAME[Oskar Lind]",
                "Viele Grüße, Jana Brenner (Kessler Logistik GmbH)|PERSON_NAME[Jana Brenner]",
            })
    void thePeopleAndPlacesAroundItStay(String text, String expected) {
        assertThat(found(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The bank refused the transfer twice.",
                "Bank Holiday Monday, so the office is closed.",
                "Meine Bank hat die Karte gesperrt.",
                "Please quote your National Insurance number on the form.",
                "Our club meets on Fridays after work.",
                "The Premium Plan renewal failed twice this week.",
            })
    void aHeadNounAloneIsNoOrganisation(String text) {
        assertThat(found(text)).noneMatch(f -> f.startsWith("ORGANIZATION"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Please send it to 12 Hospital Road, Leeds.", "Lieferung an Klinikstraße 4, 80331 München."})
    void aStreetNamedAfterAnInstitutionStaysAnAddress(String text) {
        assertThat(found(text))
                .anyMatch(f -> f.startsWith("POSTAL_ADDRESS"))
                .noneMatch(f -> f.startsWith("ORGANIZATION"));
    }
}
