package dev.weir.platform.security;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.weir.platform.web.spi.RequestGuard;

/**
 * The edge's token check on every HTTP request of a service, as platform/web's
 * {@link RequestGuard}: on the fast GET routes and before Spring MVC alike, so nothing is
 * reached without a valid token carrying the operation's scope (health and the API
 * documents excepted). The path is decoded and normalised before its rule is looked up;
 * one that cannot be (an encoded {@code /} or {@code \}, a dot segment, bad
 * percent-encoding) is refused with 400 rather than checked against a rule it only seems
 * to match.
 * <p>
 * Non-blocking, as the fast routes need: a token seen before is answered from memory; a
 * new one costs a signature check, and a key set fetch only when its {@code kid} is
 * unknown (at most every {@code weir.security.jwks-min-refresh}).
 */
final class JwtRequestGuard implements RequestGuard {

    private static final Logger log = LoggerFactory.getLogger(JwtRequestGuard.class);

    private final Guard guard;

    JwtRequestGuard(Guard guard) {
        this.guard = guard;
    }

    @Override
    public Optional<RequestGuard.Refusal> check(RequestGuard.Request request) {
        String path = normalised(request.path());
        dev.weir.platform.security.Refusal refusal = (path != null)
                ? this.guard.checkHttp(request.method(), path, request.header("Authorization"))
                : new dev.weir.platform.security.Refusal(400, "malformed-request", "Malformed request path",
                        "The path cannot be normalised, or has encoded separators or dot segments.", null);
        if (refusal == null) {
            return Optional.empty();
        }
        // the path and why, never the token
        log.info("Refused {} {}: {} ({})", request.method(), request.path(), refusal.status(), refusal.detail());
        RequestGuard.Refusal answer = RequestGuard.Refusal.of(GuardRefusal.of(refusal));
        return Optional
            .of((refusal.challenge() != null) ? answer.withHeader("WWW-Authenticate", refusal.challenge()) : answer);
    }

    /**
     * The path percent-decoded, or null when it is ambiguous: an encoded separator, a
     * {@code .} or {@code ..} segment, malformed percent-encoding or UTF-8.
     */
    static String normalised(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return null;
        }
        String path = raw;
        if (raw.indexOf('%') >= 0) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '%') {
                    if (c > 0x7f) {
                        return null;
                    }
                    bytes.write(c);
                    continue;
                }
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                int b = (high << 4) | low;
                if (b == '/' || b == '\\' || b == '.' || b == 0 || b == ';') {
                    return null;
                }
                bytes.write(b);
                i += 2;
            }
            try {
                path = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
            }
            catch (CharacterCodingException ex) {
                return null;
            }
        }
        if (path.indexOf('\\') >= 0 || path.indexOf(';') >= 0) {
            return null;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return path;
    }

}
