package dev.lethe.ui.vault;

import dev.lethe.vault.InvalidInputException;
import dev.lethe.vault.PermissionDeniedException;
import dev.lethe.vault.SubjectErasedException;
import dev.lethe.vault.kms.KmsException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The vault API's errors as RFC 9457 problems. Bad input names the field and the rule it broke; no
 * problem ever contains the submitted value, a token or a subject id, nor a stack trace.
 */
@RestControllerAdvice(assignableTypes = {VaultController.class, KekController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class VaultProblems {

    private static final Logger log = LoggerFactory.getLogger(VaultProblems.class);
    private static final URI SUBJECT_ERASED = URI.create("https://lethe.dev/problems/subject-erased");
    private static final URI INVALID_INPUT = URI.create("https://lethe.dev/problems/invalid-input");

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalid(e.field() + ": " + e.reason(), List.of(Map.of("field", e.field(), "message", e.reason())));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        // Field names and constraint messages only: FieldError's rejected value is never read.
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of(
                        "field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = errors.isEmpty()
                ? "The request body is invalid."
                : errors.stream()
                        .map(error -> error.get("field") + ": " + error.get("message"))
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow();
        return invalid(detail, errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        // Jackson's message quotes the offending input: it is not passed on.
        return invalid("The request body is missing or is not JSON of the expected shape.", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json.");
    }

    @ExceptionHandler(PermissionDeniedException.class)
    ProblemDetail denied(PermissionDeniedException e) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN,
                "Your API key's roles do not allow this: " + e.getMessage() + " (PRIVACY_OFFICER or ADMIN).");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your API key's roles do not allow this.");
    }

    @ExceptionHandler(SubjectErasedException.class)
    ProblemDetail erased(SubjectErasedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.GONE, "The data subject of this token was erased; the value is gone for good.");
        problem.setType(SUBJECT_ERASED);
        problem.setTitle("Subject erased");
        return problem;
    }

    @ExceptionHandler(KmsException.class)
    ProblemDetail kms(KmsException e) {
        log.error("The KMS failed: {}", e.getClass().getSimpleName(), e);
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The key management service is unavailable; try again later.");
    }

    private static ProblemDetail invalid(String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID_INPUT);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", errors);
        return problem;
    }
}
