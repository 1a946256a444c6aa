package dev.lethe.workflows.request;

/** How a request reached Lethe. */
public enum Channel {
    API,
    PORTAL,
    EMAIL
}
