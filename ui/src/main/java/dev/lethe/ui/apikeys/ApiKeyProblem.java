package dev.lethe.ui.apikeys;

import org.springframework.http.HttpStatus;

/** An API-key request that cannot be done, with the status and words to answer it with. */
final class ApiKeyProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    ApiKeyProblem(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
