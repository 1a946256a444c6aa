package dev.lethe.ui.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad query parameters of the audit API as RFC 9457 problems (the message names the parameter, never data). */
@RestControllerAdvice(assignableTypes = AuditController.class)
class AuditProblems {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badQuery(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
