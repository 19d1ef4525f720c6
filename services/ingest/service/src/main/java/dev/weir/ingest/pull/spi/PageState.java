package dev.weir.ingest.pull.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stream is in its pagination: a few named values (a page number, an offset, a
 * cursor, a next URL, a total learnt from an earlier page). Kept in the checkpoint as
 * JSON, so it stays small and holds text only.
 */
public record PageState(Map<String, String> values) {

    public PageState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static PageState of(String name, String value) {
        return new PageState(Map.of(name, value));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(this.values.get(name));
    }

    /** The value as a number; 0 when absent. */
    public long number(String name) {
        String value = this.values.get(name);
        return (value != null) ? Long.parseLong(value) : 0;
    }

    /** A copy with one value set. */
    public PageState with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(this.values);
        copy.put(name, value);
        return new PageState(copy);
    }

    /** A copy with one value set to a number. */
    public PageState with(String name, long value) {
        return with(name, Long.toString(value));
    }

}
