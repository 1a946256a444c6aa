package dev.lethe.ui.catalog;

import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.VersionConflictException;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.Versions;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * RFC 9457 problem responses for the catalog API's controllers and those of the stream registry and
 * the connections, which follow the same conventions (and only theirs).
 */
@RestControllerAdvice(basePackages = {"dev.lethe.ui.catalog", "dev.lethe.ui.ingest", "dev.lethe.ui.connectors"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogProblems {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid(invalid);
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "The body is not the JSON this endpoint expects");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ProblemDetail badParameter(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "A path or query parameter is missing or malformed");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(VersionConflictException.class)
    ProblemDetail versionConflict(VersionConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Version conflict", e.getMessage());
        problem.setProperty("currentVersion", e.currentVersion());
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(Versions.PreconditionRequiredException.class)
    ProblemDetail preconditionRequired(Versions.PreconditionRequiredException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "If-Match required", e.getMessage());
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
