package dev.lethe.ui.requests;

import dev.lethe.ui.api.Caller;
import dev.lethe.workflows.packages.PackageStore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 9457 problem responses for packages and receipts. */
@RestControllerAdvice(assignableTypes = RequestEvidenceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EvidenceProblems {

    @ExceptionHandler(EvidenceProblem.class)
    ProblemDetail evidence(EvidenceProblem e) {
        return problem(e.status(), e.title(), e.getMessage());
    }

    /** The row says the package exists but the store has no object: deleted behind the row's back. */
    @ExceptionHandler(PackageStore.NoSuchObjectException.class)
    ProblemDetail gone(PackageStore.NoSuchObjectException e) {
        return problem(HttpStatus.GONE, "Package gone", "The package is no longer in the package store");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "A path parameter is malformed");
    }

    @ExceptionHandler(Caller.ForbiddenException.class)
    ProblemDetail forbidden(Caller.ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
