package dev.weir.retail.system;

/**
 * Resource versions and their ETags. A version is the row's {@code updated_at} in
 * microseconds since the epoch; its ETag is the strong tag
 * {@code "<version in base 36>"}.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + Long.toString(version, 36) + "\"";
    }

    /**
     * Whether a GET of an existing resource with this ETag may answer 304:
     * {@code If-None-Match} lists the tag (weak comparison) or is {@code *} (RFC 9110
     * 13.1.2).
     */
    public static boolean notModified(org.springframework.web.context.request.WebRequest request, String etag) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        return (ifNoneMatch != null && ifNoneMatch.strip().equals("*")) || request.checkNotModified(etag);
    }

    /**
     * Reads an {@code If-Match} header into the versions a write is allowed to replace.
     * @param ifMatch the header value, or {@code null} when the client sent none
     */
    public static VersionCondition ifMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return VersionCondition.ANY;
        }
        java.util.Set<Long> versions = new java.util.HashSet<>();
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.startsWith("W/")) {
                // Weak tags never match for If-Match (RFC 9110 13.1.1: strong
                // comparison).
                continue;
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                try {
                    versions.add(Long.parseLong(value.substring(1, value.length() - 1), 36));
                }
                catch (NumberFormatException ex) {
                    // A tag this service never issued matches nothing.
                }
            }
        }
        return new VersionCondition(java.util.Set.copyOf(versions));
    }

}
