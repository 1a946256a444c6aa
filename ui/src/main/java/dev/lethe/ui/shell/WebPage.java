package dev.lethe.ui.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose views use the shell layout ({@code templates/layout.html}): {@link
 * ShellAdvice} gives them the signed-in person and the CSRF header for htmx. REST controllers do not
 * carry it, so they pay nothing for it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebPage {}
