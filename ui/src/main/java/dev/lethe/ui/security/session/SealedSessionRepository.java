package dev.lethe.ui.security.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's JDBC repository with sealed attributes ({@link SealedSession}): a session is found
 * only when every one of its attributes opens — was written by Lethe, under a session key, for this
 * session and this name. Any other row is no session: it is deleted, and the request goes on without
 * one (the sign-in page, for a page that needs it).
 */
final class SealedSessionRepository<S extends Session> implements FindByIndexNameSessionRepository<SealedSession> {

    private static final Logger log = LoggerFactory.getLogger(SealedSessionRepository.class);

    private final FindByIndexNameSessionRepository<S> sessions;
    private final SessionAttributeSeal seal;

    SealedSessionRepository(FindByIndexNameSessionRepository<S> sessions, SessionAttributeSeal seal) {
        this.sessions = sessions;
        this.seal = seal;
    }

    @Override
    public SealedSession createSession() {
        return new SealedSession(sessions.createSession(), seal, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void save(SealedSession session) {
        session.beforeSave();
        sessions.save((S) session.stored());
        session.afterSave();
    }

    @Override
    public SealedSession findById(String id) {
        S stored = sessions.findById(id);
        if (stored == null) {
            return null;
        }
        SealedSession session = new SealedSession(stored, seal, id);
        try {
            session.openAll();
            return session;
        } catch (SessionAttributeRefused e) {
            log.warn("A stored session was refused and deleted: an attribute {}", e.getMessage());
            sessions.deleteById(id);
            return null;
        }
    }

    @Override
    public void deleteById(String id) {
        sessions.deleteById(id);
    }

    /** The sessions under an index value, their attributes opened only when read. */
    @Override
    public Map<String, SealedSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, SealedSession> found = new LinkedHashMap<>();
        sessions.findByIndexNameAndIndexValue(indexName, indexValue)
                .forEach((id, stored) -> found.put(id, new SealedSession(stored, seal, id)));
        return found;
    }
}
