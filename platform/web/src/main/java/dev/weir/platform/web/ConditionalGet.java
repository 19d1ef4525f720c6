package dev.weir.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

import dev.weir.platform.web.spi.FastGetRoute;

/**
 * Conditional GET, the one implementation: a resource found is answered 200 with its ETag
 * and body, or 304 with its ETag when {@code If-None-Match} lists the tag (weak
 * comparison) or is {@code *} (RFC 9110 13.1.2). The fast GET routes and the controllers
 * answer with it, so both paths answer the same.
 */
public final class ConditionalGet {

    private ConditionalGet() {
    }

    /**
     * A controller's answer to {@code GET} of a resource found: 200, or 304 when the
     * client has this version.
     */
    public static <T> ResponseEntity<T> answer(WebRequest request, FastGetRoute.Found<T> found) {
        String[] ifNoneMatch = request.getHeaderValues(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && notModified(String.join(",", ifNoneMatch), found.etag())) {
            return ResponseEntity.status(304).eTag(found.etag()).build();
        }
        return ResponseEntity.ok().eTag(found.etag()).body(found.body());
    }

    /**
     * Whether a client whose {@code If-None-Match} is this has the version with this
     * ETag: the header lists the tag, weakly compared, or is {@code *}.
     */
    static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*") || value.equals(etag)
                    || (value.startsWith("W/") && value.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }

}
