package dev.lethe.ui.security.session;

/**
 * A stored session attribute that Lethe did not write as it is: its tag does not check out under a
 * session key, or its content is not one of the types it stores. The session holding it is no session.
 * The message names what was wrong, never the content.
 */
final class SessionAttributeRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SessionAttributeRefused(String reason) {
        super(reason, null, false, false);
    }
}
