package dev.lethe.ui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API request whose body is larger than the limit with {@code 413} before anything parses
 * it: by its declared length, or, for a body sent without one (chunked), after reading at most one
 * byte more than the limit. Callbacks are left to their controller, which reads its larger results
 * only once their token is known.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final String CALLBACKS = "/api/v1/callbacks/";

    /**
     * The portal's filing form, which may carry an authorized agent's proof document (at most 2 MiB, checked by
     * the portal with a message beside the field): {@code POST /privacy/{tenant}/new/{type}}.
     */
    static final Pattern PORTAL_FILING = Pattern.compile("/privacy/[^/]{1,63}/new/[a-z]{1,20}");

    /** The largest filing on the portal: a proof document of 2 MiB and the form's fields, as multipart. */
    static final long PORTAL_FILING_LIMIT = 3L * 1024 * 1024;

    private final long limit;
    private final boolean portal;

    RequestBodyLimitFilter(long limit) {
        this(limit, false);
    }

    /** {@code portal}: the portal's filing form may be up to {@link #PORTAL_FILING_LIMIT} (when that is more). */
    RequestBodyLimitFilter(long limit, boolean portal) {
        if (limit < 1 || limit > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("a request body limit is 1 byte to 2 GiB: " + limit);
        }
        this.limit = limit;
        this.portal = portal;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + CALLBACKS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long allowed = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > allowed) {
            tooLarge(response, allowed);
            return;
        }
        if (declared >= 0 || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) allowed + 1);
        if (body.length > allowed) {
            tooLarge(response, allowed);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    private long limitOf(HttpServletRequest request) {
        if (portal
                && "POST".equals(request.getMethod())
                && PORTAL_FILING
                        .matcher(request.getRequestURI()
                                .substring(request.getContextPath().length()))
                        .matches()) {
            return Math.max(limit, PORTAL_FILING_LIMIT);
        }
        return limit;
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setHeader("Connection", "close");
        ProblemResponses.write(
                response, 413, "Content Too Large", "The request body is larger than " + limit + " bytes.");
    }

    /** The request with the body already read, so that the limit held while it was read. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
