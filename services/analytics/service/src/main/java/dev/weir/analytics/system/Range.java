package dev.weir.analytics.system;

/**
 * The checked bounds of a range from the query: {@code to} is not before {@code from}.
 *
 * @param from the first, or null when open
 * @param to the last, or null when open
 * @param <T> days, months or times
 */
public record Range<T>(T from, T to) {
}
