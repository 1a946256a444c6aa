package dev.lethe.infra;

/** One service under {@link LocalServices}' control. Implementations are not thread-safe. */
interface LocalService {

    String displayName();

    /**
     * Stops what a previous run on the same data directory left running (it was killed before it
     * could stop its services), so that its ports and files are free again.
     */
    void stopLeftovers() throws Exception;

    /** Starts the service and returns once it answers, or throws with what went wrong. */
    void start() throws Exception;

    boolean isHealthy();

    /** Stops whatever part of the service is running; safe to call at any time, repeatedly. */
    void stop();
}
