package dev.weir.retail.system;

import java.util.Set;

/**
 * The versions a conditional write may replace (optimistic concurrency). {@link #ANY}
 * means unconditional; an empty set of versions matches nothing.
 */
public record VersionCondition(Set<Long> versions) {

    /** No condition: the write applies to whatever the current version is. */
    public static final VersionCondition ANY = new VersionCondition(null);

    public boolean matches(long version) {
        return this.versions == null || this.versions.contains(version);
    }

}
