package dev.lethe.ui.retention;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.ui.api.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The retention pages' errors as the shell's error page (never a stack trace, nor problem JSON). */
@ControllerAdvice(assignableTypes = {RetentionPages.class, RetentionPolicyPages.class, LegalHoldPages.class})
class RetentionPageErrors {

    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @ExceptionHandler(Caller.ForbiddenException.class)
    void forbidden(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
}
