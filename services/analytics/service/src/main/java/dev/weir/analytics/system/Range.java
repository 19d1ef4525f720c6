package dev.weir.analytics.system;

import java.util.function.BiFunction;

/**
 * The checked bounds of a range from the query: {@code to} is not before {@code from}.
 *
 * @param from the first, or null when open
 * @param to the last, or null when open
 * @param <T> days, months or times
 */
public record Range<T>(T from, T to) {

    /**
     * The range of the query parameters {@code from} and {@code to}, read and checked one
     * after the other.
     * @param reader reads one parameter: its name and value
     * @throws dev.weir.platform.error.WeirException a validation problem naming the
     * parameter: unreadable, or {@code to} before {@code from}
     */
    static <T extends Comparable<? super T>> Range<T> read(String from, String to,
            BiFunction<String, String, T> reader) {
        T first = reader.apply("from", from);
        T last = reader.apply("to", to);
        Params.range("from", first, "to", last);
        return new Range<>(first, last);
    }

}
