package dev.lethe.ui.api;

import dev.lethe.catalog.apikey.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a catalog controller's writes (every method but GET, HEAD, OPTIONS).
 * Checked by {@link WriteRoleInterceptor} before the body is read, so a key without the role gets
 * 403 whatever it sends.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface WritableBy {
    Role[] value();
}
