package dev.lethe.ui.connectors;

import dev.lethe.connectors.spi.ConfigProblem;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem responses for what only connections have: settings a type refuses (each field named), a
 * target the outbound guard refuses, an unknown type, a capability a type lacks, a locate on a
 * connection that waits for approval (409), an approval by its own submitter (403), and a system that
 * answered with an error (retriable: 503, fatal: 502). The catalog's problems (404, 409, 412, 428)
 * come from {@code CatalogProblems}. No message here holds a secret: the SPI's messages never do.
 */
@RestControllerAdvice(basePackages = "dev.lethe.ui.connectors")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConnectionProblems {

    @ExceptionHandler(InvalidConfigException.class)
    ProblemDetail invalidConfig(InvalidConfigException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid settings", "config: " + e.getMessage());
        List<Map<String, String>> problems =
                e.problems().stream().map(ConnectionProblems::entry).toList();
        problem.setProperty("problems", problems);
        return problem;
    }

    @ExceptionHandler(RegistrationTargets.TargetRefusedException.class)
    ProblemDetail refused(RegistrationTargets.TargetRefusedException e) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "Target refused", "config." + e.field() + ": " + e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(ConnectorTypes.UnknownTypeException.class)
    ProblemDetail unknownType(ConnectorTypes.UnknownTypeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
    }

    @ExceptionHandler(ConnectionOperations.UnsupportedCapabilityException.class)
    ProblemDetail unsupported(ConnectionOperations.UnsupportedCapabilityException e) {
        return problem(HttpStatus.CONFLICT, "Not supported", e.getMessage());
    }

    @ExceptionHandler(ConnectionOperations.AwaitingApprovalException.class)
    ProblemDetail awaitingApproval(ConnectionOperations.AwaitingApprovalException e) {
        return problem(HttpStatus.CONFLICT, "Awaiting approval", e.getMessage());
    }

    @ExceptionHandler(Connections.OwnSubmissionException.class)
    ProblemDetail ownSubmission(Connections.OwnSubmissionException e) {
        return problem(HttpStatus.FORBIDDEN, "Four eyes", e.getMessage());
    }

    @ExceptionHandler(ConnectorException.class)
    ProblemDetail connector(ConnectorException e) {
        ProblemDetail problem = problem(
                e.isRetriable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
                "The system answered with an error",
                e.getMessage());
        problem.setProperty("retriable", e.isRetriable());
        return problem;
    }

    private static Map<String, String> entry(ConfigProblem problem) {
        return Map.of("field", problem.field(), "message", problem.message());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
