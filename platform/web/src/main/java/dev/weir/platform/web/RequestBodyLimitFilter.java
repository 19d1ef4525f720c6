package dev.weir.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

import dev.weir.platform.error.ErrorKind;

/**
 * Refuses request bodies above a limit with 413 before they are read: at once when
 * {@code Content-Length} says so, and while reading when a chunked body grows past the
 * limit. Keeps a hostile client from making a service buffer an unbounded document.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;

    private final JsonMapper json = JsonMapper.builder().build();

    RequestBodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > this.limit) {
            var problem = Problems.of(ErrorKind.TOO_LARGE, "Request body too large", "The request body has "
                    + request.getContentLengthLong() + " bytes; the limit is " + this.limit + " bytes.");
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close");
            this.json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(new LimitedRequest(request, this.limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;

        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.stream == null) {
                this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
            }
            return this.stream;
        }

    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;

        private final long limit;

        private long count;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = this.delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = this.delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            this.count += n;
            if (this.count > this.limit) {
                throw new BodyTooLargeException(this.limit);
            }
        }

        @Override
        public boolean isFinished() {
            return this.delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.delegate.setReadListener(listener);
        }

    }

}
