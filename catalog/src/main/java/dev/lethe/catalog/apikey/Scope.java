package dev.lethe.catalog.apikey;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What kind of request an API key may make, on top of what its roles allow: {@link #READ} for GET
 * and HEAD, {@link #WRITE} for every other method, {@link #ADMIN} for platform operations (the
 * KEK, the actuator). Scopes are independent: a read-only key holds {@code READ} alone.
 */
public enum Scope {
    READ,
    WRITE,
    ADMIN;

    /** Every scope: what keys made without naming scopes get. */
    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }

    /** The name stored in {@code api_key.scopes} and used in authorities: {@code read}, {@code write}, {@code admin}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope stored as {@code code}; throws for an unknown one. */
    public static Scope ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
