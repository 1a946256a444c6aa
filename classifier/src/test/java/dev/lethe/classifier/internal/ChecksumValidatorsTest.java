package dev.lethe.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumValidatorsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111",
                "5500005555555559",
                "378282246310005",
                "6011111111111117",
                "3530111333300000",
                "30569309025904",
                "2223003122003222",
                "4222222222222"
            })
    void acceptsCardsOfKnownIssuers(String card) {
        assertThat(CardNumbers.isValid(card)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111112",
                "1234567812345670",
                "7111111111111117",
                "37828224631000",
                "0000000000000000",
                "5500005555555"
            })
    void rejectsCardsFailingLuhnOrIssuerRanges(String card) {
        assertThat(CardNumbers.isValid(card)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE89370400440532013000",
                "GB82WEST12345698765432",
                "FR1420041010050500013M02606",
                "NL91ABNA0417164300",
                "ES9121000418450200051332",
                "IT60X0542811101000000123456",
                "BE68539007547034",
                "CH9300762011623852957",
                "AT611904300234573201",
                "PL61109010140000071219812874",
                "SE4550000000058398257466"
            })
    void acceptsIbans(String iban) {
        assertThat(Ibans.isValid(iban)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE89370400440532013001",
                "GB82WEST1234569876543",
                "XX89370400440532013000",
                "NL91ABNA041716430A",
                "GB82WEST12345698765433",
                "DE8937040044053201300"
            })
    void rejectsIbansWithWrongChecksumLengthOrFormat(String iban) {
        assertThat(Ibans.isValid(iban)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "078051121", "665123456", "899991234"})
    void acceptsIssuableSocialSecurityNumbers(String ssn) {
        assertThat(NumericIds.usSsn(ssn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000123456", "666123456", "900123456", "123004567", "123450000", "078051120", "219099999"})
    void rejectsNeverIssuedSocialSecurityNumbers(String ssn) {
        assertThat(NumericIds.usSsn(ssn)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"912701234", "900501234", "999991234", "912941234"})
    void acceptsItins(String itin) {
        assertThat(NumericIds.usItin(itin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"912691234", "912931234", "812701234", "912891234"})
    void rejectsItinsOutsideTheGroups(String itin) {
        assertThat(NumericIds.usItin(itin)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "4010232137"})
    void acceptsNhsNumbers(String nhs) {
        assertThat(NumericIds.ukNhs(nhs)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765918", "1111111111", "123456789"})
    void rejectsNhsNumbers(String nhs) {
        assertThat(NumericIds.ukNhs(nhs)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"86095742719", "47036892816", "65929970489", "57549285017", "25768131411"})
    void acceptsGermanTaxIds(String id) {
        assertThat(NumericIds.deTaxId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"86095742718", "11111111111", "06095742719", "12345678901", "1234567890"})
    void rejectsGermanTaxIds(String id) {
        assertThat(NumericIds.deTaxId(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"185057800608491", "269054958815780", "185122A12345648"})
    void acceptsFrenchNirIncludingCorsica(String nir) {
        assertThat(NumericIds.frNir(nir)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"185057800608436", "585057800608491", "185137800608491", "18505780060849"})
    void rejectsFrenchNir(String nir) {
        assertThat(NumericIds.frNir(nir)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"111222333", "123456782"})
    void acceptsDutchBsn(String bsn) {
        assertThat(NumericIds.nlBsn(bsn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "000000000", "111222334"})
    void rejectsDutchBsn(String bsn) {
        assertThat(NumericIds.nlBsn(bsn)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"44051401359", "02070803628"})
    void acceptsPesel(String pesel) {
        assertThat(NumericIds.plPesel(pesel)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"44051401358", "44133101354", "44023001350"})
    void rejectsPeselWithBadCheckOrDate(String pesel) {
        assertThat(NumericIds.plPesel(pesel)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8112189876", "198112189876", "8112789873"})
    void acceptsPersonnummerAndCoordinationNumbers(String pnr) {
        assertThat(NumericIds.sePersonnummer(pnr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8112189877", "8113189876", "18112189876"})
    void rejectsPersonnummer(String pnr) {
        assertThat(NumericIds.sePersonnummer(pnr)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"85073003328", "01020304526"})
    void acceptsBelgianNationalNumbersBeforeAndAfter2000(String nn) {
        assertThat(NumericIds.beNationalNumber(nn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"85073003329", "85133003328", "01020304527"})
    void rejectsBelgianNationalNumbers(String nn) {
        assertThat(NumericIds.beNationalNumber(nn)).isFalse();
    }
}
