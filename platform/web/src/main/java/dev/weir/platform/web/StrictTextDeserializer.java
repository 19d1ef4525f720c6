package dev.weir.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads JSON strings into Java strings, refusing the two that cannot be stored or sent on
 * as they were given: a NUL character (U+0000, which PostgreSQL's text types cannot hold)
 * and a lone surrogate ({@code "\ud800"}, which is not a character and would be replaced
 * by {@code ?} when written as UTF-8). Refused with {@link UnsafeTextException}, which
 * the problem handler answers 422 naming the field, instead of a 500 from the database or
 * a silently changed value.
 */
final class StrictTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        String text = super.deserialize(parser, context);
        if (text != null) {
            String unsafe = unsafe(text);
            if (unsafe != null) {
                throw new UnsafeTextException(parser, unsafe);
            }
        }
        return text;
    }

    /** Why the text cannot be taken, or null when it can. */
    static String unsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
        }
        return null;
    }

    /** A JSON string the service cannot take as it is. */
    static final class UnsafeTextException extends MismatchedInputException {

        private final String reason;

        UnsafeTextException(JsonParser parser, String reason) {
            super(parser, reason);
            this.reason = reason;
        }

        String reason() {
            return this.reason;
        }

    }

}
