package dev.lethe.ui.tenants;

import dev.lethe.ui.users.UserProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 9457 problem responses of the tenants API (and of the first ADMIN's invitation it makes). */
@RestControllerAdvice(assignableTypes = TenantsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TenantProblems {

    @ExceptionHandler(TenantProblem.class)
    ProblemDetail problem(TenantProblem e) {
        return problem(e.status(), e.getMessage());
    }

    @ExceptionHandler(UserProblem.class)
    ProblemDetail invitation(UserProblem e) {
        return problem(e.status(), e.getMessage().replace("email", "adminEmail").replace("displayName", "adminName"));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ProblemDetail unreadable(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The body or a parameter is not what this endpoint expects");
        problem.setTitle("Invalid input");
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
