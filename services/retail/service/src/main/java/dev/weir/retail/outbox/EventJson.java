package dev.weir.retail.outbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of an event's data when there is no JSON mapper at hand: the bulk import, in a
 * JVM of its own, which would otherwise build and first use a Jackson mapper for one
 * event (what that costs: {@code docs/import.md}). It writes what the service's mapper
 * writes for the same data, in the REST API's conventions (snake_case names, plain
 * decimals), for data made of records, maps, iterables, strings, whole numbers, decimals,
 * booleans and nulls; anything else (an enum, whose JSON name the mapper may take from
 * {@code @JsonValue}) is refused rather than guessed.
 */
final class EventJson {

    private EventJson() {
    }

    /** The data as JSON. */
    static String write(Record data) {
        return value(new StringBuilder(512), data).toString();
    }

    private static StringBuilder value(StringBuilder out, Object value) {
        if (value == null) {
            return out.append("null");
        }
        if (value instanceof CharSequence text) {
            return quoted(out, text.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return out.append(decimal.toPlainString());
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Boolean) {
            return out.append(value);
        }
        if (value instanceof Record record) {
            return record(out, record);
        }
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                quoted(out.append(separator), String.valueOf(entry.getKey())).append(':');
                value(out, entry.getValue());
                separator = ",";
            }
            return out.append('}');
        }
        if (value instanceof Iterable<?> items) {
            out.append('[');
            String separator = "";
            for (Object item : items) {
                value(out.append(separator), item);
                separator = ",";
            }
            return out.append(']');
        }
        throw new IllegalArgumentException("Event data of type " + value.getClass().getName()
                + " cannot be written without a JSON mapper: use records of strings, numbers and maps");
    }

    private static StringBuilder record(StringBuilder out, Record record) {
        out.append('{');
        String separator = "";
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            quoted(out.append(separator), snakeCase(component.getName())).append(':');
            value(out, component(record, component));
            separator = ",";
        }
        return out.append('}');
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        }
        catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("Cannot read " + component + " of " + record.getClass().getName(), ex);
        }
    }

    /**
     * A Java name in snake_case, as Jackson's {@code SNAKE_CASE} strategy writes it:
     * {@code linesRead} is {@code lines_read}, {@code stockCodes} {@code stock_codes}.
     */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        boolean previousTranslated = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0 && c == '_') {
                continue;
            }
            if (Character.isUpperCase(c)) {
                if (!previousTranslated && !out.isEmpty() && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                c = Character.toLowerCase(c);
                previousTranslated = true;
            }
            else {
                previousTranslated = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A JSON string: quote, backslash and control characters escaped. */
    private static StringBuilder quoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

}
