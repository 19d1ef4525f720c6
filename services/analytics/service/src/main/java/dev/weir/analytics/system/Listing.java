package dev.weir.analytics.system;

import java.util.List;

/**
 * A page of a list as clients see it.
 *
 * @param items the items, in the list's order
 * @param next the path and query of the next page, or null on the last one
 */
public record Listing<T>(List<T> items, String next) {
}
