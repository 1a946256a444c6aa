package dev.lethe.ui.requests;

import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.ui.api.Caller;
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
 * RFC 9457 problems of the requests API: 400 for bad input (an unknown type, status or regulation, no
 * identities, a missing reason), 403 for a role that may not, 404 for an unknown request or system
 * (another tenant's too), 409 for what the request's state does not allow, four-eyes included. No
 * message holds an identity value.
 */
@RestControllerAdvice(assignableTypes = RequestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestProblems {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
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

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
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
