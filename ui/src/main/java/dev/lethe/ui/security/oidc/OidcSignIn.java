package dev.lethe.ui.security.oidc;

import dev.lethe.ui.security.UserAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Single sign-on on the web chain: {@code GET /oauth2/authorization/sso} sends the browser to the
 * provider (authorization code with PKCE S256, state and nonce), {@code /login/oauth2/code/sso}
 * takes the code back, checks the ID token, maps the person to their local account ({@link
 * OidcAccounts}) and signs them in as a {@link UserAuthentication} in the server-side session, as
 * a password sign-in does. Nothing of the provider's tokens is kept. A no-op when {@code
 * lethe.security.oidc.issuer} is not set.
 */
public class OidcSignIn {

    /** Where a refused single sign-on lands: the sign-in page, which says so. */
    public static final String FAILURE_URL = "/sign-in?sso-failed";

    private final OidcProperties properties;
    private final ClientRegistrationRepository registrations;
    private final OidcAccounts accounts;
    private final SecurityContextRepository contexts;

    OidcSignIn(
            OidcProperties properties,
            ClientRegistrationRepository registrations,
            OidcAccounts accounts,
            SecurityContextRepository contexts) {
        this.properties = properties;
        this.registrations = registrations;
        this.accounts = accounts;
        this.contexts = contexts;
    }

    /** Whether single sign-on is configured, so the sign-in page offers it. */
    public boolean enabled() {
        return properties.enabled();
    }

    /** What the sign-in page's single sign-on button says. */
    public String label() {
        return properties.label();
    }

    /** Where the sign-in page's button points. */
    public String startUrl() {
        return OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/"
                + OidcProperties.REGISTRATION_ID;
    }

    /** Adds the provider's sign-in to the web chain; nothing when single sign-on is not configured. */
    public void configure(HttpSecurity http) throws Exception {
        if (!properties.enabled()) {
            return;
        }
        var requests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var providerUsers = new OidcUserService();
        var afterSignIn = new SavedRequestAwareAuthenticationSuccessHandler();
        afterSignIn.setDefaultTargetUrl("/");
        http.oauth2Login(login -> login.clientRegistrationRepository(registrations)
                .authorizedClientRepository(NOTHING_KEPT)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                .userInfoEndpoint(userInfo ->
                        userInfo.oidcUserService((OidcUserRequest request) -> mapped(providerUsers.loadUser(request))))
                .failureUrl(FAILURE_URL)
                .successHandler((request, response, authentication) -> {
                    var person = (SignedInOidcUser) authentication.getPrincipal();
                    // The session holds the person as Lethe knows them, like a password sign-in does.
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UserAuthentication.of(person.account()));
                    SecurityContextHolder.setContext(context);
                    contexts.saveContext(context, request, response);
                    afterSignIn.onAuthenticationSuccess(request, response, context.getAuthentication());
                }));
    }

    private OidcUser mapped(OidcUser user) {
        return new SignedInOidcUser(user, accounts.signIn(user));
    }

    /** Lethe calls nothing at the provider after sign-in: its tokens are not kept anywhere. */
    private static final OAuth2AuthorizedClientRepository NOTHING_KEPT = new OAuth2AuthorizedClientRepository() {
        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                String registrationId, Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                OAuth2AuthorizedClient client,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}

        @Override
        public void removeAuthorizedClient(
                String registrationId,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}
    };
}
