package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.ui.signals.SignInFailures;
import dev.lethe.vault.kms.Kms;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Signing in: the hashing, the policy, the second factor and the steps that use them. */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    PasswordHashing passwordHashing() {
        return new PasswordHashing();
    }

    @Bean
    PasswordPolicy passwordPolicy(SignInProperties properties) {
        return PasswordPolicy.withMinimumLength(properties.minimumPasswordLength());
    }

    @Bean
    TotpSecrets totpSecrets(Kms kms) {
        return new TotpSecrets(kms);
    }

    @Bean
    SignInAudit signInAudit(AuditTrail trail, SignInFailures failures) {
        return new SignInAudit(trail, failures);
    }

    @Bean
    SignIn signIn(
            Accounts accounts,
            PasswordHashing hashing,
            TotpSecrets secrets,
            SignInAudit audit,
            SignInProperties properties) {
        return new SignIn(
                accounts,
                hashing,
                properties.lockoutPolicy(),
                new Totp(),
                secrets,
                new RecoveryCodes(),
                audit,
                Clock.systemUTC());
    }
}
