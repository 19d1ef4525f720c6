package dev.weir.platform.web;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Jetty's error pages as RFC 9457 problems. Jetty answers some requests itself, before
 * Spring MVC (or a fast route) ever sees them: an unparsable request line or header, a
 * URI or header block over its limits (414, 431), an HTTP version it does not speak
 * (505), a bad {@code Host}, conflicting framing ({@code Transfer-Encoding} with
 * {@code Content-Length}), and URIs the servlet specification calls ambiguous or
 * suspicious ({@code %2F}, {@code %25}, {@code %2e} segments, {@code %00}, control
 * characters). Its default pages are HTML; this handler, installed on the server and on
 * the servlet context of every Weir HTTP service, writes the same
 * {@code application/problem+json} as the rest of the API.
 * <p>
 * The detail is Jetty's reason phrase (such as "Ambiguous URI path separator"), never a
 * piece of the request, so nothing a client sent is echoed back.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final String PROBLEM_JSON = "application/problem+json";

    ProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    /**
     * Every method gets the problem: Jetty writes error pages for {@code GET},
     * {@code POST} and {@code HEAD} only, and answered a {@code PUT}, {@code PATCH},
     * {@code DELETE} or {@code OPTIONS} it refused with an empty body.
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** An error Jetty found in a request it could not (or must not) pass on. */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        if (HttpStatus.hasNoBody(code)) {
            callback.succeeded();
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(Problems.json(problem(code, message))), callback);
    }

    /**
     * A request so malformed that Jetty builds no request for it (the parser's errors).
     */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return BufferUtil.EMPTY_BUFFER;
        }
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        return ByteBuffer.wrap(Problems.json(problem(status, reason)));
    }

    static ProblemDetail problem(int status, String reason) {
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        return Problems.of(code, Problems.slugFor(code), title(status), detail(status, reason));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Malformed request";
            case 414 -> "URI too long";
            case 431 -> "Request headers too large";
            case 505 -> "HTTP version not supported";
            default -> {
                String message = HttpStatus.getMessage(status);
                yield (message != null) ? message : "HTTP " + status;
            }
        };
    }

    private static String detail(int status, String reason) {
        String detail = switch (status) {
            case 414 -> "The request's URI is longer than this server accepts.";
            case 431 -> "The request's header block is larger than this server accepts.";
            case 505 -> "This server speaks HTTP/1.0, HTTP/1.1 and HTTP/2.";
            default -> null;
        };
        if (detail != null) {
            return detail;
        }
        if (status >= 500) {
            return "The server could not handle the request.";
        }
        // Jetty's reason phrases are its own texts ("Ambiguous URI path separator", "Bad
        // query"), but keep them printable and short all the same
        if (reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status))) {
            return "The request is not valid HTTP, or its URI is ambiguous.";
        }
        String printable = reason.codePoints()
            .filter((c) -> c >= 0x20 && c != 0x7F)
            .limit(200)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
        return printable + ".";
    }

}
