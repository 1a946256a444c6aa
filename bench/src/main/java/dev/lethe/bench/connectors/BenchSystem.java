package dev.lethe.bench.connectors;

import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.SubjectMap;
import java.util.Map;

/**
 * One system of the bench, described the way Lethe knows a registered system: a connector type, the
 * settings of the connection, and — from the catalog — where a subject is in it and what erasing
 * them does; plus how the bench fills it. A MariaDB or Elasticsearch system is added by describing
 * it the same way: its type, its settings and a seed that puts customers {@code 1..rows} in it.
 *
 * @param probe the cheapest round trip to the system, the floor under each of its operations
 * @param mainDataset the dataset that holds {@code rows} records (the figure the targets are for)
 */
record BenchSystem(
        String name,
        ConnectorType type,
        Map<String, String> config,
        Seed seed,
        Probe probe,
        String mainDataset,
        SubjectMap map,
        ErasurePlan plan) {

    BenchSystem {
        config = Map.copyOf(config);
    }

    /** Fills the system: {@code rows} records in its main dataset, for customers 1 to {@code rows}, indexed. */
    @FunctionalInterface
    interface Seed {
        void fill(long rows) throws Exception;
    }

    /** Opens a new connection to the system and makes one trivial request, as every operation begins. */
    @FunctionalInterface
    interface Probe {
        void roundTrip() throws Exception;
    }
}
