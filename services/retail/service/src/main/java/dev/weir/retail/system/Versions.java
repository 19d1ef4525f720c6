package dev.weir.retail.system;

/**
 * Resource versions and their ETags. A version is the row's {@code updated_at} in
 * microseconds since the epoch; its ETag is the strong tag
 * {@code "<version in base 36>"}. Conditional GET ({@code If-None-Match}, 304) is
 * {@code platform/web}'s {@code ConditionalGet}; conditional writes ({@code If-Match})
 * are read here into a {@link VersionCondition} that the services check.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + Long.toString(version, 36) + "\"";
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
