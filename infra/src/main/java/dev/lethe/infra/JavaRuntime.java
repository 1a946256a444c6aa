package dev.lethe.infra;

import java.io.File;
import java.nio.file.Path;

/** The JVM and class path that child JVMs (the Kafka broker) are started with. */
final class JavaRuntime {

    private JavaRuntime() {}

    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String home() {
        return System.getProperty("java.home");
    }

    /**
     * This JVM's class path, which holds the Kafka jars. A single jar (a fat jar, or a launcher's
     * manifest-only jar) would not: say so instead of failing later with a class not found.
     */
    static String classPath() {
        String classPath = System.getProperty("java.class.path", "");
        boolean hasKafka = false;
        for (String entry : classPath.split(File.pathSeparator)) {
            hasKafka |= entry.contains("kafka_2.13") || entry.contains("kafka-server");
        }
        if (!hasKafka) {
            throw new LocalServiceException(
                    "The Kafka broker runs from the Kafka jars on the class path, and this JVM's "
                            + "class path has none. Start Lethe with ./lethe up (which uses a plain class path), "
                            + "not from a single jar.");
        }
        return classPath;
    }
}
