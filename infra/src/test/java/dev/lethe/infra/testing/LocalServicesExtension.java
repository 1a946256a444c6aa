package dev.lethe.infra.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the shared real services ({@link TestServices}) before anything else in it
 * runs, so that a missing Docker engine in the containers mode skips the class with its reason.
 * Register it before {@code @SpringBootTest}.
 */
public final class LocalServicesExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestServices.endpoints();
    }
}
