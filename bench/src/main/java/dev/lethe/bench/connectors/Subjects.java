package dev.lethe.bench.connectors;

import dev.lethe.connectors.spi.Identities;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The bench's data subjects: customer {@code n} is known everywhere by the same identities, the
 * e-mail {@code customer<n>@example.org} and the customer id {@code n}; every seed follows this.
 */
final class Subjects {

    private Subjects() {}

    static Identities of(long customer) {
        return new Identities(Map.of("email", email(customer), "customer_id", Long.toString(customer)));
    }

    static String email(long customer) {
        return "customer" + customer + "@example.org";
    }

    /** {@code count} different customers out of {@code 1..rows}, the same for the same seed. */
    static List<Long> pick(int count, long rows, long seed) {
        if (count > rows) {
            throw new IllegalArgumentException("more subjects than customers: " + count + " > " + rows);
        }
        Random random = new Random(seed);
        Set<Long> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(1 + random.nextLong(rows));
        }
        return List.copyOf(picked);
    }
}
