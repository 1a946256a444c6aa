package dev.lethe.ui.connectors.callback;

import org.springframework.http.HttpStatus;

/**
 * A refusal of a callback or a task completion, answered as problem JSON by {@link CallbackProblems}
 * (and shown as its plain message on a request's page). Its message names no personal data.
 */
public final class PendingProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    private PendingProblem(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static PendingProblem unknownCallback() {
        return new PendingProblem(
                HttpStatus.NOT_FOUND, "Unknown callback", "No operation waits for this callback, or it has expired");
    }

    static PendingProblem usedCallback() {
        return new PendingProblem(
                HttpStatus.GONE, "Callback used", "This callback was already answered; a callback is accepted once");
    }

    static PendingProblem closedOperation() {
        return new PendingProblem(
                HttpStatus.GONE,
                "Operation closed",
                "The operation this callback answers has ended; its result is not kept");
    }

    static PendingProblem invalidResult(String problem) {
        return new PendingProblem(HttpStatus.BAD_REQUEST, "Invalid result", problem);
    }

    static PendingProblem tooLarge(int limit) {
        return new PendingProblem(
                HttpStatus.CONTENT_TOO_LARGE, "Result too large", "A result is at most " + limit + " bytes");
    }

    static PendingProblem unknownTask(String id) {
        return new PendingProblem(HttpStatus.NOT_FOUND, "Not found", "manual task " + id);
    }

    static PendingProblem completedTask(String id) {
        return new PendingProblem(HttpStatus.CONFLICT, "Conflict", "manual task " + id + " is already completed");
    }

    static PendingProblem invalidNote(String problem) {
        return new PendingProblem(HttpStatus.BAD_REQUEST, "Invalid input", problem);
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
