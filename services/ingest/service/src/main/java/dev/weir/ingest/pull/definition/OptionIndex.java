package dev.weir.ingest.pull.definition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options a reading of a definition asked for, by the path of the object holding them
 * ({@code ""}, {@code budget}, {@code streams[1].paginate}) and their kind. Overrides
 * from environment variables are resolved against it: an upper-case name like
 * {@code STREAMS_ESTABLISHMENTS_PAGINATE_PARAM} becomes a path only through options that
 * exist.
 */
final class OptionIndex {

    enum Kind {

        /** A single value (text, number, boolean, duration, or a list written as one). */
        VALUE,

        /** An object of further options. */
        OBJECT,

        /** A list of objects, addressed by index or by their {@code name}. */
        LIST,

        /** A map of free keys to text (headers, params). */
        MAP

    }

    private final Map<String, Map<String, Kind>> options = new LinkedHashMap<>();

    void add(String objectPath, String key, Kind kind) {
        this.options.computeIfAbsent(objectPath, (path) -> new LinkedHashMap<>()).putIfAbsent(key, kind);
    }

    /** The options of the object at {@code objectPath}, with their kinds. */
    Map<String, Kind> optionsOf(String objectPath) {
        return this.options.getOrDefault(objectPath, Map.of());
    }

}
