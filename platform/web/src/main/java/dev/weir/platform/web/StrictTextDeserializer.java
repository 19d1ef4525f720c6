package dev.weir.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

import dev.weir.platform.error.StorableText;

/**
 * Reads JSON strings into Java strings, refusing those that break {@link StorableText}'s
 * rule (a NUL character, a lone surrogate such as {@code "\ud800"}) with
 * {@link RefusedJsonValueException}, which the problem handler answers 422 naming the
 * field, instead of a 500 from the database or a silently changed value.
 */
final class StrictTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        String text = super.deserialize(parser, context);
        String problem = StorableText.problem(text);
        if (problem != null) {
            throw new RefusedJsonValueException(parser, problem);
        }
        return text;
    }

}
