package dev.lethe.app.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class path that {@code ./lethe} starts the application with ({@code target/lethe.classpath},
 * written at {@code package}) carries the AWS KMS client, so {@code lethe.vault.kms.type=aws} works
 * from the launcher, and none of the SDK's heavier HTTP clients.
 */
class LauncherClassPathIT {

    @Test
    void theLauncherClassPathShipsTheAwsKmsClientWithoutNettyOrApache() throws Exception {
        List<String> entries = Arrays.asList(
                Files.readString(Path.of("target", "lethe.classpath")).trim().split(File.pathSeparator));

        assertThat(entries).anySatisfy(e -> assertThat(e).contains("/software/amazon/awssdk/kms/"));
        assertThat(entries).anySatisfy(e -> assertThat(e).contains("/software/amazon/awssdk/url-connection-client/"));
        assertThat(entries).noneSatisfy(e -> assertThat(e).contains("/software/amazon/awssdk/netty-nio-client/"));
        assertThat(entries).noneSatisfy(e -> assertThat(e).contains("/software/amazon/awssdk/apache-client/"));
    }

    /** swagger-core reads JAXB annotations: without the API, /v3/api-docs answered 500 on ./lethe up. */
    @Test
    void theLauncherClassPathShipsTheJaxbApiThatTheOpenApiDocumentNeeds() throws Exception {
        List<String> entries = Arrays.asList(
                Files.readString(Path.of("target", "lethe.classpath")).trim().split(File.pathSeparator));

        assertThat(entries).anySatisfy(e -> assertThat(e).contains("/jakarta/xml/bind/jakarta.xml.bind-api/"));
    }
}
