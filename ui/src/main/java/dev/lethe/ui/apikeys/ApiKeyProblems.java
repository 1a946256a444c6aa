package dev.lethe.ui.apikeys;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 9457 problem responses of the API-keys API. */
@RestControllerAdvice(assignableTypes = ApiKeysController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiKeyProblems {

    @ExceptionHandler(ApiKeyProblem.class)
    ProblemDetail problem(ApiKeyProblem e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status().getReasonPhrase());
        return problem;
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ProblemDetail unreadable(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The body or a parameter is not what this endpoint expects");
        problem.setTitle("Invalid input");
        return problem;
    }
}
