package dev.lethe.ui.users;

import org.springframework.http.HttpStatus;

/** A users API request that cannot be done, with the status and words to answer it with. */
public final class UserProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    public UserProblem(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
