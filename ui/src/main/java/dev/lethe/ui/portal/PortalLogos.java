package dev.lethe.ui.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The organisations' logos on the portal ({@code lethe.portal.logos.*}): {@code default} for every tenant's page,
 * {@code <slug>} for one tenant's. Each is a PNG, JPEG or WebP file on the server, read once at start-up (at most
 * 512 KiB) and served by Lethe itself at {@code /privacy/{tenant}/logo}: the page loads nothing from elsewhere, and
 * its Content-Security-Policy stays as strict as every page's. SVG is refused: an SVG opened on its own is a
 * document that can run script under Lethe's origin. Thread-safe (immutable once built).
 */
public final class PortalLogos {

    static final long MAX_BYTES = 512 * 1024;

    private static final Map<String, String> TYPES =
            Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp");

    /** A logo as served: its bytes and media type. */
    record Logo(byte[] bytes, String mediaType) {}

    private final Map<String, Logo> logos;

    /** @param logos file paths by tenant slug, {@code default} for every tenant without one of its own */
    public PortalLogos(Map<String, Path> logos) {
        Map<String, Logo> read = new HashMap<>();
        if (logos != null) {
            logos.forEach((slug, file) -> read.put(slug, read(slug, file)));
        }
        this.logos = Map.copyOf(read);
    }

    /** Whether the tenant's page shows a logo (called from the portal's layout). */
    public boolean has(String slug) {
        return of(slug).isPresent();
    }

    Optional<Logo> of(String slug) {
        return Optional.ofNullable(logos.getOrDefault(slug, logos.get("default")));
    }

    private static Logo read(String slug, Path file) {
        String name = file.getFileName().toString();
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        String property = "lethe.portal.logos." + slug;
        if (type == null) {
            throw new IllegalArgumentException(
                    property + " must be a .png, .jpg, .jpeg or .webp file (not SVG: it can" + " carry script)");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(property + " is larger than 512 KiB");
            }
            return new Logo(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    property + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }
}
