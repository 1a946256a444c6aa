package dev.lethe.ui.signin;

import dev.lethe.catalog.apikey.ApiKeys;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Checks the first-start settings before anything else happens — before the local services start —
 * so that a bad value costs a second, not a full start-up: {@code LETHE_ADMIN_EMAIL} and {@code
 * LETHE_ADMIN_PASSWORD} come together, the address looks like one and the password meets the
 * password policy; {@code LETHE_BOOTSTRAP_API_KEY} is long enough. Registered in {@code
 * META-INF/spring.factories}; the messages name the setting, never its value.
 */
public final class AdminSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        List<String> problems = problems(event.getEnvironment());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Lethe's settings are not usable:\n  - " + String.join("\n  - ", problems));
        }
    }

    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        String email = environment.getProperty("lethe.signin.admin-email", "").strip();
        String password = environment.getProperty("lethe.signin.admin-password", "");
        if (email.isEmpty() != password.isEmpty()) {
            problems.add("LETHE_ADMIN_EMAIL (lethe.signin.admin-email) and LETHE_ADMIN_PASSWORD"
                    + " (lethe.signin.admin-password) go together: set both or neither");
        } else if (!email.isEmpty()) {
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                problems.add("LETHE_ADMIN_EMAIL (lethe.signin.admin-email) is not an e-mail address");
            }
            int minimum = minimumLength(environment, problems);
            if (minimum > 0) {
                PasswordPolicy.withMinimumLength(minimum)
                        .problem(password, email, "Administrator")
                        .ifPresent(problem ->
                                problems.add("LETHE_ADMIN_PASSWORD (lethe.signin.admin-password): " + problem));
            }
        }
        String key = environment.getProperty("lethe.bootstrap-api-key", "");
        if (!key.isBlank() && key.length() < ApiKeys.MIN_LENGTH) {
            problems.add("LETHE_BOOTSTRAP_API_KEY (lethe.bootstrap-api-key) must be at least " + ApiKeys.MIN_LENGTH
                    + " characters long; generate one with: openssl rand -hex 32");
        }
        return problems;
    }

    private static int minimumLength(Environment environment, List<String> problems) {
        String value = environment.getProperty("lethe.signin.minimum-password-length", "12");
        try {
            int minimum = Integer.parseInt(value.strip());
            if (minimum < PasswordPolicy.SMALLEST_MINIMUM || minimum > PasswordPolicy.MAXIMUM) {
                problems.add("lethe.signin.minimum-password-length must be between " + PasswordPolicy.SMALLEST_MINIMUM
                        + " and " + PasswordPolicy.MAXIMUM);
                return 0;
            }
            return minimum;
        } catch (NumberFormatException e) {
            problems.add("lethe.signin.minimum-password-length is not a number");
            return 0;
        }
    }
}
