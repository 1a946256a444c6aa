package dev.lethe.ui.shell;

import dev.lethe.catalog.apikey.Role;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may open a page controller's pages ({@link #read()}: GET and HEAD) and use its forms and actions
 * ({@link #write()}: every other method). On the controller type, optionally narrowed on a method.
 * Enforced in one place, {@link PageAccessInterceptor}, before the handler runs: a person without the
 * role gets the 403 page whatever they post. Every {@link WebPage} controller but the shell's own
 * carries it; the authorization matrix test checks each page against it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PageAccess {

    /** Who may open the pages. */
    Role[] read();

    /** Who may post to them; empty: nobody (a read-only page). */
    Role[] write() default {};
}
