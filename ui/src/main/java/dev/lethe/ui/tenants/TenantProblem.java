package dev.lethe.ui.tenants;

import org.springframework.http.HttpStatus;

/** A tenants API request that cannot be done, with the status and words to answer it with. */
final class TenantProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    TenantProblem(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
