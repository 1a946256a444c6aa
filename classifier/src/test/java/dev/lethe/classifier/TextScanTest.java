package dev.lethe.classifier;

import static dev.lethe.classifier.Scans.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextScanTest {

    @Test
    void findsContactDataWithSpans() {
        String text = "Contact anna.schmidt@example.org or call +49 30 1234567.";
        List<Finding> findings = Scans.CLASSIFIER.scanText(text);
        assertThat(findings).extracting(Finding::type).containsExactly(PiiType.EMAIL_ADDRESS, PiiType.PHONE_NUMBER);
        assertThat(findings.get(0).start()).isEqualTo(8);
        assertThat(findings.get(0).end()).isEqualTo(32);
        assertThat(findings.get(0).path()).isNull();
        assertThat(findings.get(0).evidence()).contains(Evidence.VALIDATOR);
    }

    @Test
    void findsPhoneNumbersInInternationalAndNationalFormats() {
        assertThat(text("Tel.: +33 1 42 68 53 00")).containsExactly("PHONE_NUMBER[+33 1 42 68 53 00]");
        assertThat(text("Ruf mich an: 030 12345678")).containsExactly("PHONE_NUMBER[030 12345678]");
        assertThat(text("phone (0044) 20 7946 0958")).isNotEmpty();
        assertThat(text("Llámame al teléfono 912 345 678")).containsExactly("PHONE_NUMBER[912 345 678]");
        assertThat(text("call +1 (415) 555-2671 today")).containsExactly("PHONE_NUMBER[+1 (415) 555-2671]");
    }

    @Test
    void withoutDefaultRegionNationalNumbersNeedAPhoneWord() {
        PiiClassifier noRegion = PiiClassifier.create();
        assertThat(noRegion.scanText("Herr Müller, Tel. 030 1234567"))
                .extracting(Finding::type)
                .contains(PiiType.PHONE_NUMBER);
        assertThat(noRegion.scanText("Referenz 030 1234567")).isEmpty();
    }

    @Test
    void findsCardsWithSpacesOrDashesButNotLuhnFailures() {
        assertThat(text("card 4111-1111-1111-1111")).containsExactly("CREDIT_CARD[4111-1111-1111-1111]");
        assertThat(text("Amex 3782 822463 10005")).containsExactly("CREDIT_CARD[3782 822463 10005]");
        assertThat(text("card 4111 1111 1111 1112")).isEmpty();
    }

    @Test
    void findsIbanCompactAndGrouped() {
        assertThat(text("IBAN: DE89 3704 0044 0532 0130 00.")).containsExactly("IBAN[DE89 3704 0044 0532 0130 00]");
        assertThat(text("Überweisung an GB82WEST12345698765432 bitte")).containsExactly("IBAN[GB82WEST12345698765432]");
        assertThat(text("IBAN DE89 3704 0044 0532 0130 01")).isEmpty();
    }

    @Test
    void findsNetworkIdentifiers() {
        assertThat(text("from 203.0.113.42 and 2001:db8::8a2e:370:7334"))
                .containsExactly("IP_ADDRESS[203.0.113.42]", "IP_ADDRESS[2001:db8::8a2e:370:7334]");
        assertThat(text("adapter 00:1A:2B:3C:4D:5E")).containsExactly("MAC_ADDRESS[00:1A:2B:3C:4D:5E]");
        assertThat(text("see https://example.org/path?q=1")).containsExactly("URL[https://example.org/path?q=1]");
        assertThat(text("jdbc postgres://admin:s3cret@db.internal:5432/app"))
                .containsExactly("URL_CREDENTIALS[admin:s3cret]");
        assertThat(text("we met at 48.858370, 2.294481 near the tower"))
                .containsExactly("GEO_COORDINATES[48.858370, 2.294481]");
    }

    @Test
    void findsGovernmentIdsWithTheirFormats() {
        assertThat(text("SSN 123-45-6789")).containsExactly("US_SSN[123-45-6789]");
        assertThat(text("ITIN 912-70-1234")).containsExactly("US_ITIN[912-70-1234]");
        assertThat(text("NI number AB 12 34 56 C")).containsExactly("UK_NINO[AB 12 34 56 C]");
        assertThat(text("NHS 943 476 5919")).containsExactly("UK_NHS[943 476 5919]");
        assertThat(text("Steuer-ID 86095742719")).containsExactly("DE_TAX_ID[86095742719]");
        assertThat(text("n° de sécurité sociale 1 85 05 78 006 084 91"))
                .containsExactly("FR_NIR[1 85 05 78 006 084 91]");
        assertThat(text("DNI 12345678Z")).containsExactly("ES_DNI[12345678Z]");
        assertThat(text("codice fiscale RSSMRA85T10A562S")).containsExactly("IT_FISCAL_CODE[RSSMRA85T10A562S]");
        assertThat(text("BSN 111222333")).containsExactly("NL_BSN[111222333]");
        assertThat(text("PESEL 44051401359")).containsExactly("PL_PESEL[44051401359]");
        assertThat(text("personnummer 811218-9876")).containsExactly("SE_PERSONNUMMER[811218-9876]");
        assertThat(text("henkilötunnus 131052-308T")).containsExactly("FI_HETU[131052-308T]");
        assertThat(text("rijksregisternummer 85.07.30-033.28")).containsExactly("BE_NATIONAL_NUMBER[85.07.30-033.28]");
        assertThat(text("USt-IdNr. DE136695976")).containsExactly("EU_VAT[DE136695976]");
        assertThat(text("passport number C01X00T47")).containsExactly("PASSPORT[C01X00T47]");
    }

    @Test
    void bareNumbersNeedContextToBeIds() {
        assertThat(text("reference 111222333 attached")).isEmpty();
        assertThat(text("my BSN is 111222333")).containsExactly("NL_BSN[111222333]");
        assertThat(text("product C01X00T47 in stock")).isEmpty();
    }

    @Test
    void findsSecrets() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assertThat(text("Authorization: Bearer " + jwt)).containsExactly("JWT[" + jwt + "]");
        assertThat(text("key AKIAIOSFODNN7EXAMPLE")).containsExactly("AWS_ACCESS_KEY[AKIAIOSFODNN7EXAMPLE]");
        assertThat(text("token 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"))
                .containsExactly("API_KEY[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]");
        assertThat(text("api_key = Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MEFCQ0RF")).hasSize(1);
        assertThat(text("password: hunter2 please")).containsExactly("PASSWORD[hunter2]");
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
        assertThat(text("key:\n" + pem + "\nend")).containsExactly("PRIVATE_KEY[" + pem + "]");
        assertThat(text("wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"))
                .containsExactly("CRYPTO_WALLET[1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa]");
    }

    @Test
    void findsNamesAddressesAndPersonalFacts() {
        assertThat(text("Dear Mrs. Jane Doe, thanks")).containsExactly("TITLE[Mrs]", "PERSON_NAME[Jane Doe]");
        assertThat(text("Ich bin Hans Müller aus Köln")).containsExactly("PERSON_NAME[Hans Müller]", "LOCATION[Köln]");
        assertThat(text("He lives at 221B Baker Street, London NW1 6XE."))
                .containsExactly("POSTAL_ADDRESS[221B Baker Street, London NW1 6XE]");
        assertThat(text("Adresse: 12 rue de la Paix, 75002 Paris"))
                .containsExactly("POSTAL_ADDRESS[12 rue de la Paix, 75002 Paris]");
        assertThat(text("Vivo en Calle Mayor 3, 28013 Madrid"))
                .containsExactly("POSTAL_ADDRESS[Calle Mayor 3, 28013 Madrid]");
        assertThat(text("born on 12.03.1985")).containsExactly("DATE_OF_BIRTH[12.03.1985]");
        assertThat(text("geboren am 3. März 1990")).isNotEmpty();
        // a date in prose is a date, not a birth date
        assertThat(text("the meeting on 12.03.2021")).containsExactly("DATE_TIME[12.03.2021]");
        assertThat(text("She is 34 years old")).containsExactly("AGE[34 years]");
        assertThat(text("gender: female")).containsExactly("GENDER[female]");
    }

    @Test
    void findsPeoplePlacesAndAddressesInProseByTheNameTagger() {
        assertThat(text("please call Lukas de Vries back")).containsExactly("PERSON_NAME[Lukas de Vries]");
        assertThat(text("Dear Mrs. Okonkwo, your parcel is on its way.")).containsExactly("PERSON_NAME[Okonkwo]");
        assertThat(text("I moved to 42 Rue des Lilas, 75011 Paris last week."))
                .containsExactly("POSTAL_ADDRESS[42 Rue des Lilas, 75011 Paris]");
        assertThat(text("Escalated by Chidi after Siobhan Fitzgerald complained from Galway."))
                .containsExactly("PERSON_NAME[Chidi]", "PERSON_NAME[Siobhan Fitzgerald]", "LOCATION[Galway]");
        assertThat(CLASSIFIER_NO_REGION.scanText("call me at (212) 555-0199"))
                .extracting(Finding::type)
                .containsExactly(PiiType.PHONE_NUMBER);
    }

    @Test
    void leavesProductNamesAndCapitalisedJargonAlone() {
        assertThat(text("The Kindle Paperwhite arrived with a cracked screen.")).isEmpty();
        assertThat(text("Dark Mode and Offline Sync are part of the Premium Plan."))
                .isEmpty();
        assertThat(text("Order total: 34 EUR, shipping 5 EUR.")).isEmpty();
        assertThat(text("National Insurance number and Bestellnummer are both on the form"))
                .isEmpty();
    }

    private static final PiiClassifier CLASSIFIER_NO_REGION = PiiClassifier.create();

    @Test
    void masksFindingsForLogOutput() {
        assertThat(Scans.CLASSIFIER.mask("login anna@example.org from 10.1.2.3 ok"))
                .isEqualTo("login [EMAIL_ADDRESS] from [IP_ADDRESS] ok");
        assertThat(Scans.CLASSIFIER.mask("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void resolvesOverlapsToTheBestSupportedType() {
        List<Finding> findings = Scans.CLASSIFIER.scanText("BSN 111222333 and SSN 123-45-6789");
        assertThat(findings).extracting(Finding::type).containsExactly(PiiType.NL_BSN, PiiType.US_SSN);
        for (int i = 1; i < findings.size(); i++) {
            assertThat(findings.get(i).start())
                    .isGreaterThanOrEqualTo(findings.get(i - 1).end());
        }
    }
}
