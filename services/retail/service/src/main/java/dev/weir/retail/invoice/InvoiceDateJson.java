package dev.weir.retail.invoice;

import java.time.LocalDateTime;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

import dev.weir.platform.web.RefusedJsonValueException;

/** Reads an invoice date in any of the forms {@link InvoiceDates} accepts. */
final class InvoiceDateJson extends ValueDeserializer<LocalDateTime> {

    @Override
    public LocalDateTime deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new RefusedJsonValueException(parser, InvoiceDates.EXPECTED);
        }
        String text = context.readValue(parser, String.class);
        return InvoiceDates.parse(text)
            .orElseThrow(() -> new RefusedJsonValueException(parser, InvoiceDates.EXPECTED + ", got '"
                    + ((text.length() > 40) ? text.substring(0, 40) + "..." : text) + "'"));
    }

}
