package dev.lethe.ui.security.oidc;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the sign-in pages need to offer single sign-on: {@code sso} (the button's label and link,
 * absent when it is not configured) and {@code ssoFailed} (the provider's person was not let in).
 */
@ControllerAdvice(basePackages = "dev.lethe.ui.signin")
class OidcSignInPage {

    private final OidcSignIn signIn;

    OidcSignInPage(OidcSignIn signIn) {
        this.signIn = signIn;
    }

    @ModelAttribute("sso")
    OidcSignIn sso() {
        return signIn.enabled() ? signIn : null;
    }

    @ModelAttribute("ssoFailed")
    boolean ssoFailed(@RequestParam(name = "sso-failed", required = false) String failed) {
        return failed != null;
    }
}
