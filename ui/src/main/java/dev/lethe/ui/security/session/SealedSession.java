package dev.lethe.ui.security.session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.Session;

/**
 * A stored session whose attributes are sealed ({@link SessionAttributeSeal}): the store holds, per
 * attribute, either a {@link Written} value (sealed when the store saves it, under the id the session
 * has then) or the {@link Read} bytes, opened here under the id and name they were read with. A value
 * of a type that is not stored lives for the request only. Not thread-safe, like the session it wraps.
 */
final class SealedSession implements Session {

    /** A value set in this request: the store seals it under the session's id at save time. */
    record Written(Session session, String name, Object value) {}

    /** Bytes read from the store, opened once. */
    static final class Read {
        private final byte[] sealed;
        private Object value;

        Read(byte[] sealed) {
            this.sealed = sealed;
        }

        byte[] sealed() {
            return sealed;
        }

        /** The opened value, null until opened. */
        Object value() {
            return value;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SealedSession.class);

    private final Session stored;
    private final SessionAttributeSeal seal;
    private final Map<String, Object> requestOnly = new HashMap<>();
    private String sealedUnder;

    /** {@code sealedUnder}: the id the stored attributes were sealed under; null for a new session. */
    SealedSession(Session stored, SessionAttributeSeal seal, String sealedUnder) {
        this.stored = stored;
        this.seal = seal;
        this.sealedUnder = sealedUnder;
    }

    Session stored() {
        return stored;
    }

    /** Opens every attribute; throws {@link SessionAttributeRefused} at the first that does not open. */
    void openAll() {
        for (String name : stored.getAttributeNames()) {
            getAttribute(name);
        }
    }

    /**
     * Before the store saves: after a change of id, values read under the old id are written again, so
     * that they are sealed under the new one.
     */
    void beforeSave() {
        if (sealedUnder != null && !sealedUnder.equals(stored.getId())) {
            for (String name : stored.getAttributeNames()) {
                if (stored.getAttribute(name) instanceof Read) {
                    Object value = getAttribute(name);
                    stored.setAttribute(name, new Written(stored, name, value));
                }
            }
        }
    }

    void afterSave() {
        sealedUnder = stored.getId();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        if (requestOnly.containsKey(name)) {
            return (T) requestOnly.get(name);
        }
        Object held = stored.getAttribute(name);
        if (held instanceof Written written) {
            return (T) written.value();
        }
        if (held instanceof Read read) {
            if (read.value == null) {
                if (sealedUnder == null) {
                    throw new SessionAttributeRefused("is stored bytes in a new session");
                }
                read.value = seal.open(sealedUnder, name, read.sealed);
            }
            return (T) read.value;
        }
        if (held != null) {
            throw new IllegalStateException("session attribute " + name + " is held unsealed");
        }
        return null;
    }

    @Override
    public Set<String> getAttributeNames() {
        Set<String> names = new HashSet<>(stored.getAttributeNames());
        names.addAll(requestOnly.keySet());
        return names;
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        if (seal.stores(value)) {
            requestOnly.remove(name);
            stored.setAttribute(name, new Written(stored, name, value));
        } else {
            // Not on the list of types stored: kept for this request, never written to the database. Single
            // sign-on's own authentication is one, by design: it is replaced by the person as Lethe knows them.
            if (!(value instanceof SecurityContext)) {
                log.warn(
                        "Session attribute {} of type {} is not stored: it lasts for this request only",
                        name,
                        value.getClass().getName());
            }
            stored.removeAttribute(name);
            requestOnly.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        requestOnly.remove(name);
        stored.removeAttribute(name);
    }

    @Override
    public String getId() {
        return stored.getId();
    }

    @Override
    public String changeSessionId() {
        return stored.changeSessionId();
    }

    @Override
    public Instant getCreationTime() {
        return stored.getCreationTime();
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        stored.setLastAccessedTime(lastAccessedTime);
    }

    @Override
    public Instant getLastAccessedTime() {
        return stored.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        stored.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return stored.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
        return stored.isExpired();
    }
}
