package dev.lethe.classifier;

import static dev.lethe.classifier.Scans.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Things that look like personal data but are not must not be flagged. */
class LookAlikeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "request id 550e8400-e29b-41d4-a716-446655440000 failed",
                "created 2024-03-12T10:15:30Z by the scheduler",
                "at 2024-03-12 10:15:30.123 the job ran",
                "Order #4532015112830366 shipped",
                "Bestellnummer 4532015112830366 versandt",
                "tracking number 1Z999AA10123456784",
                "ISBN 978-3-16-148410-0 and ISBN 0-306-40615-2",
                "upgrade to version 10.2.3.4 now",
                "release v1.2.3.4-beta",
                "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "git commit 3e1b2c4d5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c",
                "total 1,234.56 EUR, price 12.99 USD",
                "16 digits 1234 5678 9012 3456 fail Luhn",
                "product code SKU-88213-XL-BLK",
                "OID 1.3.6.1.4.1.343 in the MIB",
                "ratio 3.14159, 2.71828 roughly",
                "image logo@2x.png scaled",
                "meeting at 10:30:45 in room 12",
                "the year 1985 was good",
                "page 12 of 400",
                "invoice 2024-000123 paid",
                "the Unit Price and the Sale Price are shown in Euro",
                "read the New York Times and the Wall Street Journal",
                "Vorgang 0558927243 abgeschlossen",
                "Release 2.4.1 fixes CVE-2024-12345; build 20240312.1 deployed to 10 nodes at 14:05 UTC"
            })
    void ignoresLookAlikes(String text) {
        assertThat(text(text)).isEmpty();
    }
}
