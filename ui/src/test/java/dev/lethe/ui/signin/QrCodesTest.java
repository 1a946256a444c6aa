package dev.lethe.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QrCodesTest {

    @Test
    void drawsAnSvgWithoutScriptOrOutsideReferences() {
        String svg = QrCodes.svg("otpauth://totp/Lethe:ann%40example.org?secret=GEZDGNBVGY3TQOJQ&issuer=Lethe");

        assertThat(svg).startsWith("<?xml").contains("<svg").contains("<path d=\"M");
        assertThat(svg).doesNotContain("<script").doesNotContain("href").doesNotContain("GEZDGNBV");
    }
}
