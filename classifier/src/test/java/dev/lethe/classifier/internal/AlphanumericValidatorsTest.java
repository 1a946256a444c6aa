package dev.lethe.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlphanumericValidatorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"AB123456C", "JG103759A", "ZY987654D"})
    void acceptsNino(String nino) {
        assertThat(AlphanumericIds.ukNino(nino)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BG123456A", "DA123456A", "AO123456A", "AB123456E", "AB12345C", "GB123456A"})
    void rejectsNinoWithExcludedPrefixesOrSuffix(String nino) {
        assertThat(AlphanumericIds.ukNino(nino)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678Z", "X1234567L", "00000000T"})
    void acceptsDniAndNie(String dni) {
        assertThat(AlphanumericIds.esDni(dni)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678A", "X1234567M", "A1234567L", "1234567Z"})
    void rejectsDniAndNieWithWrongLetter(String dni) {
        assertThat(AlphanumericIds.esDni(dni)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"131052-308T", "010594Y9032", "010504A903U"})
    void acceptsHetuWithOldAndNewCenturySigns(String hetu) {
        assertThat(AlphanumericIds.fiHetu(hetu)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"131052-308U", "131352-308T", "131052G308T"})
    void rejectsHetu(String hetu) {
        assertThat(AlphanumericIds.fiHetu(hetu)).isFalse();
    }

    @Test
    void acceptsItalianFiscalCodeIncludingOmocodia() {
        assertThat(ItalianFiscalCodes.isValid("RSSMRA85T10A562S")).isTrue();
        assertThat(ItalianFiscalCodes.isValid("RSSMRA85T10A562T")).isFalse();
        assertThat(ItalianFiscalCodes.isValid("RSSMRA85Z10A562S")).isFalse(); // Z is no month
        // omocodia: the last digit of the place code replaced by its letter, with the check recomputed
        assertThat(ItalianFiscalCodes.isValid("RSSMRA85T10A56NH")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE136695976",
                "ATU13585627",
                "BE0428759497",
                "FR40303265045",
                "IT00743110157",
                "NL004495445B01",
                "DK13585628",
                "FI20774740",
                "PL8567346215",
                "PT501964843",
                "SE123456789701"
            })
    void acceptsVatNumbersWithChecksums(String vat) {
        assertThat(VatNumbers.validate(vat)).isEqualTo(VatNumbers.Result.CHECKSUM);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE136695977",
                "ATU13585626",
                "FR41303265045",
                "IT00743110158",
                "DK13585627",
                "XX123456789",
                "DE12345678"
            })
    void rejectsVatNumbers(String vat) {
        assertThat(VatNumbers.validate(vat)).isEqualTo(VatNumbers.Result.INVALID);
    }

    @Test
    void validatesBitcoinAndEthereumAddresses() {
        assertThat(CryptoWallets.isWallet("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).isTrue();
        assertThat(CryptoWallets.isWallet("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).isTrue();
        assertThat(CryptoWallets.isWallet("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))
                .isTrue();
        assertThat(CryptoWallets.isWallet("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"))
                .isTrue();
        assertThat(CryptoWallets.isWallet("0x52908400098527886E0F7030069857D2E4169EE7"))
                .isTrue();
        assertThat(CryptoWallets.isWallet("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")).isFalse();
        assertThat(CryptoWallets.isWallet("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"))
                .isFalse();
        assertThat(CryptoWallets.isWallet("0x5290840009852788GE0F7030069857D2E4169EE7"))
                .isFalse();
    }

    @Test
    void validatesIpAndMacAddresses() {
        assertThat(IpAddresses.isV4("192.168.0.1", 0, 11)).isTrue();
        assertThat(IpAddresses.isV4("256.1.1.1", 0, 9)).isFalse();
        assertThat(IpAddresses.isV4("01.2.3.4", 0, 8)).isFalse();
        assertThat(IpAddresses.isV6("2001:0db8:85a3:0000:0000:8a2e:0370:7334")).isTrue();
        assertThat(IpAddresses.isV6("2001:db8::8a2e:370:7334")).isTrue();
        assertThat(IpAddresses.isV6("::ffff:192.0.2.128")).isTrue();
        assertThat(IpAddresses.isV6("12:30:45")).isFalse();
        assertThat(IpAddresses.isV6("a::b")).isFalse();
        assertThat(IpAddresses.isV6("2001:db8::1::2")).isFalse();
        assertThat(OnlineDetectors.isMac("00:1A:2B:3C:4D:5E")).isTrue();
        assertThat(OnlineDetectors.isMac("00-1a-2b-3c-4d-5e")).isTrue();
        assertThat(OnlineDetectors.isMac("001a.2b3c.4d5e")).isTrue();
        assertThat(OnlineDetectors.isMac("00:1A:2B:3C:4D:5G")).isFalse();
        assertThat(OnlineDetectors.isMac("ff:ff:ff:ff:ff:ff")).isFalse();
    }
}
