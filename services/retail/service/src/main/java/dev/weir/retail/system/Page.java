package dev.weir.retail.system;

import java.util.List;

/**
 * One page of a keyset-paginated list.
 *
 * @param items the items, in key order
 * @param nextAfter the key to continue after, or {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextAfter) {

    /**
     * Builds a page from a query that fetched one row more than {@code limit} to tell if
     * more exist.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), key.apply(items.get(limit - 1)));
    }

}
