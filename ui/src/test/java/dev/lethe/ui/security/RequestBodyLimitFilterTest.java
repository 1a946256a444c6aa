package dev.lethe.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBodyLimitFilterTest {

    private static final long MIB = 1024 * 1024;

    private static int status(RequestBodyLimitFilter filter, String method, String path, long length) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContent(new byte[(int) length]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain.getRequest() == null ? response.getStatus() : 200;
    }

    @Test
    void onlyThePortalsFilingFormMayCarryAProofDocumentBeyondTheLimit() throws Exception {
        RequestBodyLimitFilter pages = new RequestBodyLimitFilter(MIB, true);
        assertThat(status(pages, "POST", "/privacy/acme/new/erasure", 2 * MIB + 4096))
                .isEqualTo(200);
        assertThat(status(pages, "POST", "/privacy/acme/new/erasure", 3 * MIB + 1))
                .isEqualTo(413);
        assertThat(status(pages, "POST", "/privacy/acme/verify/x", 2 * MIB)).isEqualTo(413);
        assertThat(status(pages, "POST", "/requests/new", 2 * MIB)).isEqualTo(413);
        assertThat(status(pages, "POST", "/privacy/acme/new/erasure/../../../requests/new", 2 * MIB))
                .isEqualTo(413);

        RequestBodyLimitFilter api = new RequestBodyLimitFilter(MIB);
        assertThat(status(api, "POST", "/privacy/acme/new/erasure", 2 * MIB)).isEqualTo(413);
        assertThat(status(api, "POST", "/privacy/acme/new/erasure", MIB)).isEqualTo(200);
    }
}
