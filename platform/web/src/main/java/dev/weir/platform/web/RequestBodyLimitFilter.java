package dev.weir.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.weir.platform.error.ErrorKind;

/**
 * Refuses request bodies above a limit with 413 before they are read: at once when
 * {@code Content-Length} says so, and while reading when a chunked body grows past the
 * limit. Keeps a hostile client from making a service buffer an unbounded document.
 * <p>
 * A body somewhat over the limit (up to {@link #DRAIN_AT_MOST} bytes) is read to its end
 * and thrown away before the answer: a client still sending it when the server closed the
 * connection would get a TCP reset instead of the 413 (the reset discards the answer in
 * its receive buffer). A larger one is answered at once and the connection closed. A
 * client that sent {@code Expect: 100-continue} gets the 413 before it sends anything. A
 * body that breaks off is a {@link ClientBodyException}, so that whoever reads it (the
 * edge passing it on) can tell the client's failure from its own.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** The most a refused body is read (and discarded) so its client gets the answer. */
    static final long DRAIN_AT_MOST = 16L * 1024 * 1024;

    private final long limit;

    RequestBodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > this.limit) {
            var problem = Problems.of(ErrorKind.TOO_LARGE, "Request body too large", "The request body has "
                    + request.getContentLengthLong() + " bytes; the limit is " + this.limit + " bytes.");
            boolean read = request.getContentLengthLong() <= DRAIN_AT_MOST && !expectsContinue(request)
                    && drain(request.getInputStream(), DRAIN_AT_MOST);
            if (!read) {
                response.setHeader("Connection", "close");
            }
            Problems.write(request, response, problem);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, this.limit);
        chain.doFilter(limited, response);
        if (!request.isAsyncStarted()) {
            finishReading(limited, response);
        }
    }

    /**
     * Reads the rest of a body the service answered without reading (a 405, 406, 415 or
     * 401 decided from the headers), after sending the answer: the server would otherwise
     * close the connection under a client still sending it — the edge, whose send then
     * failed with a broken pipe and lost the answer (a 502, counted against the service's
     * circuit breaker). Only a body within the limit is read, and only until its client
     * stops sending it.
     */
    private static void finishReading(LimitedRequest request, HttpServletResponse response) {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return;
        }
        ServletInputStream body;
        try {
            body = request.getInputStream();
        }
        catch (IllegalStateException | IOException ex) {
            // read as text by the service: it was read
            return;
        }
        if (body.isFinished()) {
            return;
        }
        try {
            // the whole answer first, so that a client waiting for it has it
            try {
                response.getOutputStream().close();
            }
            catch (IllegalStateException ex) {
                response.getWriter().close();
            }
        }
        catch (IOException ex) {
            // the client is gone: nothing to read for
            return;
        }
        drain(body, DRAIN_AT_MOST);
    }

    private static boolean expectsContinue(HttpServletRequest request) {
        String expect = request.getHeader("Expect");
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /**
     * Reads and discards the rest of a body, at most {@code max} bytes; whether it ended.
     */
    static boolean drain(java.io.InputStream body, long max) {
        byte[] buffer = new byte[16 * 1024];
        long read = 0;
        try {
            while (read <= max) {
                int n = body.read(buffer);
                if (n < 0) {
                    return true;
                }
                read += n;
            }
        }
        catch (IOException ex) {
            // the client went away: nothing to answer
        }
        return false;
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
            int b;
            try {
                b = this.delegate.read();
            }
            catch (IOException ex) {
                throw clientFailed(ex);
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = this.delegate.read(buffer, offset, length);
            }
            catch (IOException ex) {
                throw clientFailed(ex);
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        /**
         * A failure to read the body is the client's (it broke or closed the connection).
         */
        private static ClientBodyException clientFailed(IOException ex) {
            return (ex instanceof ClientBodyException client) ? client
                    : new ClientBodyException("The client stopped sending the request body: " + ex, ex);
        }

        private void count(int n) throws BodyTooLargeException {
            this.count += n;
            if (this.count > this.limit) {
                // read the rest (if not too much) so the client gets the 413
                drain(this.delegate, DRAIN_AT_MOST - this.count);
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
