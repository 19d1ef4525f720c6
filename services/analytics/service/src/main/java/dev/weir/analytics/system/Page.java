package dev.weir.analytics.system;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list.
 *
 * @param items the items, in the list's order
 * @param next the token to continue after the last item ({@code after}), or null on the
 * last page
 */
public record Page<T>(List<T> items, String next) {

    /**
     * A page from a query that fetched one row more than {@code limit} to tell whether
     * more exist.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursor) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, cursor.apply(items.get(limit - 1)));
    }

}
