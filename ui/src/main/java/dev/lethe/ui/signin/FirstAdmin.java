package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first ADMIN of the default tenant, on the first start (and every start until one has signed
 * up): with {@code LETHE_ADMIN_EMAIL} and {@code LETHE_ADMIN_PASSWORD} an active account with that
 * password (the second factor is enrolled at the first sign-in); without them an invited account and
 * a one-time set-up link, printed to the console, where the person chooses their address, name and
 * password. The settings were checked before any service started ({@link AdminSettingsCheck}).
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    /** Marks the set-up link's line; named as {@code dev.lethe.app.logging.MaskedMessageConverter} expects. */
    private static final Marker ONE_TIME_SECRET = MarkerFactory.getMarker("LETHE_ONE_TIME_SECRET");

    private static final Actor FIRST_START = Actor.system("first-start");

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final SignInAudit audit;
    private final SignInProperties properties;
    private final Environment environment;
    private final SecureRandom random = new SecureRandom();

    FirstAdmin(
            Accounts accounts,
            PasswordHashing hashing,
            SignInAudit audit,
            SignInProperties properties,
            Environment environment) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.audit = audit;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        TenantContext.runAs(Tenant.DEFAULT_ID, this::ensure);
    }

    private void ensure() {
        List<Account> admins = accounts.list(Tenant.DEFAULT_ID).stream()
                .filter(account -> account.roles().contains(Role.ADMIN))
                .filter(account -> account.status() != AccountStatus.DISABLED)
                .toList();
        if (admins.stream().anyMatch(account -> account.status() == AccountStatus.ACTIVE)) {
            return;
        }
        if (!properties.adminEmail().isBlank()) {
            Account admin = accounts.create(new NewAccount(
                    Tenant.DEFAULT_ID,
                    properties.adminEmail(),
                    "Administrator",
                    Set.of(Role.ADMIN),
                    AccountStatus.ACTIVE,
                    hashing.hash(properties.adminPassword()),
                    null));
            audit.record(Tenant.DEFAULT_ID, FIRST_START, "user.created", admin.id(), Map.of("via", "environment"));
            log.info(
                    "The first ADMIN account (LETHE_ADMIN_EMAIL) is ready: sign in at {}/sign-in and enrol a second factor",
                    baseUrl());
            return;
        }
        Account invited = admins.stream()
                .filter(account -> account.email().equalsIgnoreCase(SetupController.FIRST_ADMIN_PLACEHOLDER))
                .findFirst()
                .orElseGet(() -> {
                    Account created = accounts.create(NewAccount.invited(
                            Tenant.DEFAULT_ID,
                            SetupController.FIRST_ADMIN_PLACEHOLDER,
                            "Administrator",
                            Set.of(Role.ADMIN)));
                    audit.record(
                            Tenant.DEFAULT_ID, FIRST_START, "user.created", created.id(), Map.of("via", "setup-link"));
                    return created;
                });
        String token = newToken();
        Instant expires = Instant.now().plus(properties.setupLinkValidity());
        accounts.issueSetupToken(Tenant.DEFAULT_ID, invited.id(), token, expires);
        // The one place a secret is printed: this is how the first person gets in. It works once. The
        // marker lets the log masking (dev.lethe.app.logging) keep the token, and only the token.
        log.warn(
                ONE_TIME_SECRET,
                "\n\n  No administrator has signed up yet. Open this one-time link to create the first ADMIN"
                        + " (valid until {}):\n\n    {}/setup/{}\n\n  (Or set LETHE_ADMIN_EMAIL and LETHE_ADMIN_PASSWORD.)\n",
                expires,
                baseUrl(),
                token);
    }

    private String baseUrl() {
        // The port the server listens on (a test's random port), else the configured one.
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String url = properties.publicUrl().isBlank() ? "http://localhost:" + port : properties.publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
