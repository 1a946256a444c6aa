package dev.lethe.ui.retention;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.ui.api.Caller;
import dev.lethe.workflows.retention.RunInProgressException;
import java.net.URI;
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
 * RFC 9457 problems of the retention API: 400 for bad input (a time or zone that is not one, an unknown
 * policy to run, a malformed id), 403 for a role that may not, 404 for an unknown run or policy (another
 * tenant's too), 409 while a run is in progress (with its id and location).
 */
@RestControllerAdvice(
        assignableTypes = {
            RetentionRunController.class,
            RetentionScheduleController.class,
            RetentionPreviewController.class
        })
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetentionProblems {

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

    @ExceptionHandler(RunInProgressException.class)
    ProblemDetail inProgress(RunInProgressException e) {
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT,
                "Run in progress",
                "A retention run of this tenant is in progress; start another when it has finished");
        if (e.runningRunId() != null) {
            problem.setProperty("runningRunId", e.runningRunId());
            problem.setProperty("run", URI.create("/api/v1/retention/runs/" + e.runningRunId()));
        }
        return problem;
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
