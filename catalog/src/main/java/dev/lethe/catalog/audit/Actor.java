package dev.lethe.catalog.audit;

import java.io.Serializable;
import java.util.Objects;

/**
 * Who did something: a person, an API key, or a part of the system acting on its own. Serializable
 * because a signed-in person's authentication, which names them as an actor, is kept in their
 * server-side session.
 */
public record Actor(Kind kind, String id) implements Serializable {

    public enum Kind {
        USER,
        API_KEY,
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("An actor needs an id");
        }
    }

    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component);
    }

    public static Actor apiKey(String keyId) {
        return new Actor(Kind.API_KEY, keyId);
    }

    public static Actor user(String userId) {
        return new Actor(Kind.USER, userId);
    }
}
