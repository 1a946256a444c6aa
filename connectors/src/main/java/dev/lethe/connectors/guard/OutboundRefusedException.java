package dev.lethe.connectors.guard;

/**
 * A connection the guard refused. The message names the host, the address class and the setting
 * that allows it; never a credential (hosts and ports are not secrets, URLs may carry some, so only
 * host and port are ever passed in).
 */
public final class OutboundRefusedException extends RuntimeException {

    private final String host;

    OutboundRefusedException(String host, String message) {
        super(message);
        this.host = host;
    }

    public String host() {
        return host;
    }
}
