package dev.weir.retail.invoice;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

import dev.weir.platform.web.RefusedJsonValueException;

/**
 * Reads an invoice number written as a JSON string or as a JSON integer ({@code "536365"}
 * or {@code 536365}, as the e-commerce course's client sends it): an integer is taken as
 * its decimal digits. Only this field takes both; every other string field still refuses
 * a number. A string is read by the service's strict string rules (no NUL, no lone
 * surrogate); anything else (a fraction, a boolean, an object) is refused.
 */
final class InvoiceNumberJson extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return context.readValue(parser, String.class);
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getString();
        }
        throw new RefusedJsonValueException(parser, "must be a string or an integer (536365 or \"C536379\")");
    }

}
