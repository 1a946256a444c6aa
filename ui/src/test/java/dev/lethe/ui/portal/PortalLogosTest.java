package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortalLogosTest {

    @TempDir
    Path dir;

    @Test
    void aTenantsOwnLogoWinsOverTheDefaultAndNoneMeansNone() throws Exception {
        Path shop = Files.write(dir.resolve("shop.png"), new byte[] {1, 2, 3});
        Path all = Files.write(dir.resolve("all.jpg"), new byte[] {4});

        PortalLogos logos = new PortalLogos(Map.of("shop", shop, "default", all));

        assertThat(logos.of("shop").orElseThrow().bytes()).containsExactly(1, 2, 3);
        assertThat(logos.of("shop").orElseThrow().mediaType()).isEqualTo("image/png");
        assertThat(logos.of("other").orElseThrow().mediaType()).isEqualTo("image/jpeg");
        assertThat(new PortalLogos(Map.of()).has("shop")).isFalse();
        assertThat(new PortalLogos(null).has("shop")).isFalse();
    }

    @Test
    void svgAndLargeFilesAreRefusedAtStart() throws Exception {
        Path svg = Files.writeString(dir.resolve("logo.svg"), "<svg><script>alert(1)</script></svg>");
        Path large = Files.write(dir.resolve("large.png"), new byte[(int) PortalLogos.MAX_BYTES + 1]);

        assertThatThrownBy(() -> new PortalLogos(Map.of("shop", svg)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lethe.portal.logos.shop")
                .hasMessageContaining("SVG");
        assertThatThrownBy(() -> new PortalLogos(Map.of("default", large)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512 KiB");
    }
}
