package dev.lethe.ui.security.oidc;

import dev.lethe.catalog.account.Account;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The provider's person with the local account they were mapped to, between the provider's answer
 * and the success handler, which turns it into a {@code UserAuthentication}; never kept in a session.
 */
final class SignedInOidcUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final transient Account account;

    SignedInOidcUser(OidcUser user, Account account) {
        super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
        this.account = account;
    }

    Account account() {
        return account;
    }
}
