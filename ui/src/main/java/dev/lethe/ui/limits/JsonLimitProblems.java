package dev.lethe.ui.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Answers a request body beyond {@link JsonLimitsProperties} with a {@code 400} problem that names
 * the limit and its value; nothing of the body is echoed. Other exceptions are left to the rest.
 */
final class JsonLimitProblems implements HandlerExceptionResolver {

    /** Jackson names the constraint by its getter in the message; the property it comes from. */
    private final Map<String, String> limits;

    JsonLimitProblems(JsonLimitsProperties properties) {
        this.limits = Map.of(
                "getMaxNestingDepth",
                        "nesting depth (lethe.api.json.max-nesting-depth: " + properties.maxNestingDepth() + ")",
                "getMaxNumberLength",
                        "number length (lethe.api.json.max-number-length: " + properties.maxNumberLength() + ")",
                "getMaxStringLength",
                        "string length (lethe.api.json.max-string-length: " + properties.maxStringLength() + ")",
                "getMaxNameLength", "name length (lethe.api.json.max-name-length: " + properties.maxNameLength() + ")",
                "getMaxDocumentLength",
                        "document length (lethe.api.json.max-document-length: " + properties.maxDocumentLength() + ")");
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        StreamConstraintsException constraint = constraintOf(e);
        if (constraint == null || response.isCommitted()) {
            return null;
        }
        String message = String.valueOf(constraint.getOriginalMessage());
        String limit = limits.entrySet().stream()
                .filter(entry -> message.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("size");
        response.setStatus(400);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            // Fixed text and our own numbers only: nothing from the body.
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                            + "\"detail\":\"The JSON body is beyond the limit on " + limit + ".\"}");
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return new ModelAndView();
    }

    private static StreamConstraintsException constraintOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException constraint) {
                return constraint;
            }
        }
        return null;
    }
}
