package dev.lethe.ui.requests;

import org.springframework.http.HttpStatus;

/** A refusal of the evidence endpoints, answered as an RFC 9457 problem; its message names no subject. */
final class EvidenceProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    private EvidenceProblem(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static EvidenceProblem noPackage() {
        return new EvidenceProblem(
                HttpStatus.NOT_FOUND, "No package", "This request has no package (yet, or any more: packages expire)");
    }

    static EvidenceProblem noReceipt() {
        return new EvidenceProblem(HttpStatus.NOT_FOUND, "No receipt", "This request has no erasure receipt (yet)");
    }

    static EvidenceProblem unknownLink() {
        return new EvidenceProblem(HttpStatus.NOT_FOUND, "Unknown link", "No package is downloadable with this link");
    }

    static EvidenceProblem expiredLink() {
        return new EvidenceProblem(
                HttpStatus.GONE, "Link expired", "This link or its package has expired: ask for a new link");
    }

    static EvidenceProblem unknownKey() {
        return new EvidenceProblem(
                HttpStatus.NOT_FOUND, "Unknown key", "The receipt's signing key is not among the audit's public keys");
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
