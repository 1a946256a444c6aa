package dev.lethe.ui.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link WebPage} controller whose pages need no role: the sign-in steps and a person's own
 * account and home page. Whether a visitor must be signed in is the security filter chain's call.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OpenPage {}
