package dev.lethe.app.vault;

import static dev.lethe.catalog.jooq.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.account.SealedSecret;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.jooq.tables.records.AppUserRecord;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.signin.PasswordHashing;
import dev.lethe.ui.signin.Totp;
import dev.lethe.ui.signin.TotpSecrets;
import dev.lethe.vault.kms.LocalKms;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person's TOTP secret as the database holds it ({@code app_user.totp_secret}): sealed by the KMS,
 * bound to tenant and account, so a copy of the database alone cannot make codes; and a KEK rotation
 * re-wraps it (TotpSecretRotation), so the person's codes keep working under the new KEK version.
 */
class TotpSecretAtRestIT extends AppIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple 42";
    private static final Pattern MANUAL_KEY = Pattern.compile("id=\"manual-key\">([A-Z2-7 ]+)<");

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordHashing hashing;

    @Autowired
    TotpSecrets secrets;

    @Test
    void theStoredSecretIsSealedAndItsCodesStillVerifyAfterAKekRotation() throws Exception {
        Tenant tenant = tenants.create(UniqueNames.of("totp-rest"), "TOTP at rest test");
        String email = UniqueNames.of("pat") + "@example.org";
        Account pat = as(
                tenant.id(),
                () -> accounts.create(new NewAccount(
                        tenant.id(),
                        email,
                        "Pat Person",
                        Set.of(Role.AUDITOR),
                        AccountStatus.ACTIVE,
                        hashing.hash(PASSWORD),
                        null)));

        // Enrolled as a person does: the secret is what the enrolment page shows to type into an app.
        WebClient browser = new WebClient(port);
        assertThat(location(password(browser, tenant, email))).endsWith("/sign-in/enrol");
        String page = browser.get("/sign-in/enrol").body();
        Matcher shown = MANUAL_KEY.matcher(page);
        assertThat(shown.find()).as(page).isTrue();
        String manualKey = shown.group(1);
        byte[] secret = Totp.secretOfManualKey(manualKey);
        long enrolled = Totp.step(Instant.now());
        HttpResponse<String> confirmed = browser.post("/sign-in/enrol", Map.of("code", Totp.code(secret, enrolled)));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

        AppUserRecord row = stored(pat);
        byte[] sealed = row.getTotpSecret();
        assertThat(sealed).isNotNull();
        String asText = new String(sealed, StandardCharsets.ISO_8859_1);
        String asHex = HexFormat.of().formatHex(sealed);
        String base32 = manualKey.replace(" ", "");
        assertThat(asHex).as("the secret's bytes").doesNotContain(HexFormat.of().formatHex(secret));
        assertThat(asText.toUpperCase(Locale.ROOT))
                .as("the secret in base32, as the app and the page have it")
                .doesNotContain(base32.substring(0, 16));
        assertThat(asText).doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));

        // Only the KMS that wrapped it opens it, and only for this tenant and account.
        SealedSecret copy = new SealedSecret(row.getTotpKekVersion(), sealed);
        assertThat(secrets.open(tenant.id(), pat.id(), copy)).isEqualTo(secret);
        Path elsewhere = Files.createTempDirectory("lethe-other-kms-").resolve("keyset.json");
        TotpSecrets anotherKms = new TotpSecrets(LocalKms.open(elsewhere));
        assertThatThrownBy(() -> anotherKms.open(tenant.id(), pat.id(), copy), "a copy of the database without the KMS")
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> secrets.open(tenant.id(), UUID.randomUUID(), copy), "copied to another account")
                .isInstanceOf(RuntimeException.class);

        HttpResponse<String> rotated = new CatalogHttp(port, ADMIN_KEY).post("/api/v1/vault/kek/rotate", Map.of());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        int newVersion = CatalogHttp.body(rotated).get("newVersion").asInt();

        AppUserRecord rewrapped = stored(pat);
        assertThat(rewrapped.getTotpKekVersion())
                .as("re-wrapped under the new KEK")
                .isEqualTo(newVersion);
        assertThat(rewrapped.getTotpSecret()).isNotEqualTo(sealed);
        assertThat(HexFormat.of().formatHex(rewrapped.getTotpSecret()))
                .doesNotContain(HexFormat.of().formatHex(secret));

        // The person signs in with the next code of the app they enrolled.
        WebClient later = new WebClient(port);
        assertThat(location(password(later, tenant, email))).endsWith("/sign-in/second-factor");
        later.get("/sign-in/second-factor");
        long step = Math.max(enrolled + 1, Totp.step(Instant.now()));
        HttpResponse<String> signedIn = later.post("/sign-in/second-factor", Map.of("code", Totp.code(secret, step)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(later.get("/").statusCode()).isEqualTo(200);
    }

    private static AppUserRecord stored(Account account) {
        return owner().selectFrom(APP_USER).where(APP_USER.ID.eq(account.id())).fetchSingle();
    }

    private static HttpResponse<String> password(WebClient browser, Tenant tenant, String email) {
        browser.get("/sign-in?tenant=" + tenant.slug());
        return browser.post("/sign-in", Map.of("tenant", tenant.slug(), "email", email, "password", PASSWORD));
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }
}
