package dev.lethe.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.ui.limits.MemoryRateLimiter;
import dev.lethe.ui.limits.RateLimitProperties;
import dev.lethe.ui.limits.RateLimitProperties.Bucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which requests are sign-in attempts, counted in the address's sign-in bucket (threat model 2.2). */
class SignInRateLimitFilterTest {

    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-12-03T01:00:00Z"), ZoneOffset.UTC);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitFilter filter = RateLimitFilter.perAddressSignIn(
            new MemoryRateLimiter(FROZEN),
            new RateLimitProperties(true, RateLimitProperties.Store.MEMORY, null, null, null, twoAnHour()),
            meters);

    @Test
    void theThirdAttemptFromAnAddressIsAnswered429WithRetryAfterWhateverAccountItNames() throws Exception {
        assertThat(run("POST", "/sign-in", "192.0.2.1").getStatus()).isEqualTo(200);
        assertThat(run("POST", "/sign-in", "192.0.2.1").getStatus()).isEqualTo(200);

        MockHttpServletResponse third = run("POST", "/sign-in", "192.0.2.1");

        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(third.getHeader("Retry-After")))
                .as("half an hour")
                .isBetween(1799L, 1801L);
        assertThat(meters.counter("lethe.rate_limits.refused", "kind", "sign-in")
                        .count())
                .isOne();
        assertThat(run("POST", "/sign-in", "192.0.2.2").getStatus())
                .as("another address")
                .isEqualTo(200);
    }

    @Test
    void everyStepThatTriesACredentialIsAnAttempt() throws Exception {
        run("POST", "/sign-in/second-factor", "192.0.2.3");
        run("POST", "/sign-in/enrol", "192.0.2.3");

        assertThat(run("GET", "/login/oauth2/code/sso", "192.0.2.3").getStatus())
                .isEqualTo(429);
    }

    @Test
    void pagesAndOtherFormsAreNotAttempts() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(run("GET", "/sign-in", "192.0.2.4").getStatus()).isEqualTo(200);
            assertThat(run("GET", "/sign-in/second-factor", "192.0.2.4").getStatus())
                    .isEqualTo(200);
            assertThat(run("POST", "/sign-out", "192.0.2.4").getStatus()).isEqualTo(200);
            assertThat(run("POST", "/privacy/default/requests", "192.0.2.4").getStatus())
                    .isEqualTo(200);
        }
    }

    private MockHttpServletResponse run(String method, String path, String address) throws Exception {
        var request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static Bucket twoAnHour() {
        return new Bucket(2, Duration.ofHours(1));
    }
}
