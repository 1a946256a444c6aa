package dev.lethe.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class AbsoluteSessionTimeoutFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final AbsoluteSessionTimeoutFilter filter =
            new AbsoluteSessionTimeoutFilter(Duration.ofHours(12), Clock.fixed(NOW, ZoneOffset.UTC));

    private MockHttpSession run(Instant signedInAt) throws Exception {
        var session = new MockHttpSession();
        session.setAttribute(WebSessions.SIGNED_IN_AT, signedInAt);
        var request = new MockHttpServletRequest("GET", "/");
        request.setSession(session);
        var chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).as("the request goes on").isNotNull();
        return session;
    }

    @Test
    void endsASessionSignedInLongerAgoThanTheAbsoluteTimeout() throws Exception {
        assertThat(run(NOW.minus(Duration.ofHours(12)).minusSeconds(1)).isInvalid())
                .isTrue();
    }

    @Test
    void keepsAYoungerSession() throws Exception {
        assertThat(run(NOW.minus(Duration.ofHours(11))).isInvalid()).isFalse();
    }
}
