package dev.lethe.workflows.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the test and its worker processes share, handed to a child as {@code name=value} arguments:
 * the catalog database, the shop databases, the directory with the keys both processes read, the
 * Elasticsearch and Temporal endpoints and the run's task queue.
 */
record CrashSettings(
        String catalogUrl,
        String postgresHost,
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        Path keys,
        String elasticsearch,
        String temporal,
        String taskQueue,
        List<Shop> shops) {

    /** One connected shop: its database, its catalog system and the id its connection has. */
    record Shop(String name, String database, UUID systemId, UUID connectionId) {}

    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "catalog=" + catalogUrl,
                "host=" + postgresHost,
                "port=" + postgresPort,
                "user=" + postgresUser,
                "password=" + (postgresPassword == null ? "" : postgresPassword),
                "keys=" + keys,
                "elasticsearch=" + elasticsearch,
                "temporal=" + temporal,
                "queue=" + taskQueue));
        arguments.add("shops="
                + String.join(
                        ";",
                        shops.stream()
                                .map(shop -> String.join(
                                        ",",
                                        shop.name(),
                                        shop.database(),
                                        shop.systemId().toString(),
                                        shop.connectionId().toString()))
                                .toList()));
        return arguments;
    }

    static CrashSettings of(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        List<Shop> shops = Arrays.stream(options.get("shops").split(";"))
                .map(shop -> shop.split(","))
                .map(parts -> new Shop(parts[0], parts[1], UUID.fromString(parts[2]), UUID.fromString(parts[3])))
                .toList();
        return new CrashSettings(
                options.get("catalog"),
                options.get("host"),
                Integer.parseInt(options.get("port")),
                options.get("user"),
                options.get("password"),
                Path.of(options.get("keys")),
                options.get("elasticsearch"),
                options.get("temporal"),
                options.get("queue"),
                shops);
    }
}
