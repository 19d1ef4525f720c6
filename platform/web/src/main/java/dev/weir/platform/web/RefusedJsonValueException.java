package dev.weir.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value a deserializer refuses, with the reason a client is told: the problem
 * handler answers it 422 naming the field ({@code errors[].detail} is the reason). A
 * field that takes more than one JSON type, or a format of its own, throws it from its
 * own deserializer (for example an invoice number given as a string or an integer).
 */
public class RefusedJsonValueException extends MismatchedInputException {

    private final String reason;

    public RefusedJsonValueException(JsonParser parser, String reason) {
        super(parser, reason);
        this.reason = reason;
    }

    /** What the client is told, after the field's name: "must be ...". */
    public String reason() {
        return this.reason;
    }

}
