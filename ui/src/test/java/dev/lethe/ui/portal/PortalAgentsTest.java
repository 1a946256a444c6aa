package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PortalAgentsTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aProofIsAPdfPngOrJpegByItsFirstBytesOnly() {
        assertThat(PortalAgents.sniff(ascii("%PDF-1.7\n..."))).hasValue("application/pdf");
        assertThat(PortalAgents.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0}))
                .hasValue("image/png");
        assertThat(PortalAgents.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}))
                .hasValue("image/jpeg");

        assertThat(PortalAgents.sniff(ascii("<html><script>alert(1)</script>"))).isEmpty();
        assertThat(PortalAgents.sniff(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")))
                .isEmpty();
        assertThat(PortalAgents.sniff(ascii(" %PDF-1.7")))
                .as("not at the start")
                .isEmpty();
        assertThat(PortalAgents.sniff(ascii("%PDF-")))
                .as("a signature and nothing else")
                .isEmpty();
        assertThat(PortalAgents.sniff(new byte[0])).isEmpty();
    }

    @Test
    void aProofsFileNameAndTextSayNothingAboutWhoseItIs() {
        var proof = new PortalAgents.Proof("image/png", new byte[12]);
        assertThat(proof.fileName()).isEqualTo("agent-proof.png");
        assertThat(proof.toString()).isEqualTo("Proof[image/png, 12 bytes]");
        assertThat(new PortalAgents.Agent("Bea Agent", "mother", null, 0).toString())
                .doesNotContain("Bea", "mother");
    }
}
