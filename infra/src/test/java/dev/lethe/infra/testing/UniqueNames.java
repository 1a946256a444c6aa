package dev.lethe.infra.testing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Names that no other test class (or earlier run on the same services) uses. */
public final class UniqueNames {

    private UniqueNames() {}

    /** For topics, index prefixes, tenant slugs: lower case, dashes. */
    public static String of(String base) {
        return base + "-" + suffix();
    }

    /** For databases and schemas: lower case, underscores. */
    public static String database(String base) {
        return base + "_" + suffix();
    }

    private static String suffix() {
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
