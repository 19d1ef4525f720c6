package dev.weir.ingest.pull.run;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What identifies a request: {@code sha256(method, canonical URL, body)} in hex. The
 * canonical URL has a lower-case scheme and host, no default port, no fragment, and its
 * query parameters sorted, so {@code ?b=2&a=1} and {@code ?a=1&b=2} are the same page.
 * Taken before credentials are added, so rotating a key does not make pages new.
 *
 * @param value the hex digest
 */
public record RequestFingerprint(String value) {

    /** The fingerprint of a GET (no body). */
    public static RequestFingerprint ofGet(URI uri) {
        return of("GET", uri, new byte[0]);
    }

    public static RequestFingerprint of(String method, URI uri, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(method.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(canonical(uri).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(body);
            return new RequestFingerprint(HexFormat.of().formatHex(sha256.digest()));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }

    static String canonical(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        StringBuilder canonical = new StringBuilder(scheme).append("://")
            .append(uri.getHost().toLowerCase(Locale.ROOT));
        if (!defaultPort) {
            canonical.append(':').append(port);
        }
        String path = uri.getRawPath();
        canonical.append((path == null || path.isEmpty()) ? "/" : path);
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            List<String> pairs = new ArrayList<>(List.of(query.split("&")));
            pairs.removeIf(String::isEmpty);
            pairs.sort(null);
            canonical.append('?').append(String.join("&", pairs));
        }
        return canonical.toString();
    }

}
