package dev.weir.analytics.system;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns a {@link Fresh} answer into an HTTP response: {@code ETag}, {@code Last-Modified}
 * (when the data last changed), {@code Cache-Control: max-age} (how long it may be
 * reused), and 304 without a body when the client's {@code If-None-Match} names the
 * current version.
 */
public final class HttpAnswers {

    private static final Pattern MOUNT_POINT = Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]{1,64}){1,4}");

    private HttpAnswers() {
    }

    public static <T> ResponseEntity<T> respond(WebRequest request, Fresh<T> answer) {
        CacheControl cache = CacheControl.maxAge(answer.maxAge().toSeconds(), TimeUnit.SECONDS).mustRevalidate();
        if (answer.maxAge().isZero()) {
            cache = CacheControl.noCache();
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, answer.etag())) {
            ResponseEntity.BodyBuilder notModified = ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                .eTag(answer.etag())
                .cacheControl(cache);
            if (answer.lastModified() != null) {
                notModified.lastModified(answer.lastModified());
            }
            return notModified.build();
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(answer.etag()).cacheControl(cache);
        if (answer.lastModified() != null) {
            ok.lastModified(answer.lastModified());
        }
        return ok.body(answer.value());
    }

    /**
     * A page as a response: its items, and {@code next}, the path and query of the
     * following page (this request's with {@code after} set), also in a {@code Link}
     * header.
     */
    public static <T> ResponseEntity<Listing<T>> respondPage(WebRequest request, Fresh<Page<T>> answer) {
        Page<T> page = answer.value();
        String next = (page.next() != null) ? nextPage(request, page.next()) : null;
        ResponseEntity<Listing<T>> response = respond(request,
                new Fresh<>(new Listing<>(page.items(), next), answer.etag(), answer.lastModified(), answer.maxAge()));
        if (next != null && response.getStatusCode().is2xxSuccessful()) {
            return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(org.springframework.http.HttpHeaders.LINK, "<" + next + ">; rel=\"next\"")
                .body(response.getBody());
        }
        return response;
    }

    /**
     * The path and query of the page after this one: this request's with {@code after}
     * set, under the prefix the edge mounts the service at ({@code X-Forwarded-Prefix},
     * {@code /analytics}), so a client follows it where it called this page.
     */
    static String nextPage(WebRequest request, String after) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        return UriComponentsBuilder.fromPath(mountedUnder(servlet.getHeader("X-Forwarded-Prefix")))
            .path(servlet.getRequestURI())
            .query(servlet.getQueryString())
            .replaceQueryParam("after", after)
            .build()
            .toUriString();
    }

    /** A prefix of plain path segments, or none: anything else is not a mount point. */
    static String mountedUnder(String prefix) {
        return (prefix != null && MOUNT_POINT.matcher(prefix).matches()) ? prefix : "";
    }

    /**
     * Whether {@code If-None-Match} names {@code etag}: strong or weak, in a list, or
     * {@code *}; also as the web server's compression wrote it on a compressed answer
     * ({@code "retail.7--gzip"}), which a client (or the edge, which may decompress it)
     * sends back as it got it.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || withoutCompression(tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A tag without the suffix compression adds to it ({@code --gzip}, {@code --br},
     * {@code --zstd}, ...), or the tag itself.
     */
    private static String withoutCompression(String tag) {
        int suffix = tag.lastIndexOf("--");
        if (suffix < 1 || !tag.endsWith("\"") || suffix + 3 > tag.length() - 1) {
            return tag;
        }
        for (int i = suffix + 2; i < tag.length() - 1; i++) {
            char c = tag.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return tag;
            }
        }
        return tag.substring(0, suffix) + "\"";
    }

}
