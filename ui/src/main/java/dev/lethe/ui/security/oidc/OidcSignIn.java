package dev.lethe.ui.security.oidc;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Single sign-on (OIDC) on the web chain. This stand-in is no bean, so the web chain calls nothing;
 * the single sign-on work replaces it with the real one (a bean when OIDC is configured).
 */
public class OidcSignIn {

    /** Adds the provider's sign-in to the web chain. */
    public void configure(HttpSecurity http) throws Exception {
        // Nothing here: see the class comment.
    }
}
