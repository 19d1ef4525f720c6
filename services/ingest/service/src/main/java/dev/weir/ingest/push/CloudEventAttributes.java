package dev.weir.ingest.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Checks a CloudEvent's context attributes as the CloudEvents 1.0 spec states them,
 * before the SDK reads it, so a refused one is told what is wrong in the spec's terms
 * (the SDK's own messages name its Java classes): {@code specversion} 1.0, non-empty
 * {@code id}, {@code source} (a URI reference) and {@code type}, an RFC 3339
 * {@code time}, string {@code subject}, {@code datacontenttype} and {@code dataschema},
 * and extension attributes that are strings, numbers or booleans.
 */
final class CloudEventAttributes {

    private static final Set<String> REQUIRED = Set.of("id", "source", "type");

    private static final Set<String> STRINGS = Set.of("subject", "datacontenttype", "dataschema", "data_base64");

    private CloudEventAttributes() {
    }

    /** What is wrong with a structured CloudEvent's attributes, or null. */
    static IncomingEvent.Refusal check(JsonNode event) {
        JsonNode version = event.get("specversion");
        if (version == null || !version.isString() || !version.asString().equals("1.0")) {
            return new IncomingEvent.Refusal("/specversion",
                    (version == null) ? "is missing: it must be \"1.0\"" : "must be \"1.0\"");
        }
        for (String name : new String[] { "id", "source", "type" }) {
            JsonNode value = event.get(name);
            if (value == null || !value.isString() || value.asString().isEmpty()) {
                return new IncomingEvent.Refusal("/" + name,
                        (value == null) ? "is missing: a CloudEvent needs a non-empty id, source and type"
                                : "must be a non-empty string");
            }
        }
        for (Map.Entry<String, JsonNode> attribute : event.properties()) {
            String name = attribute.getKey();
            JsonNode value = attribute.getValue();
            String problem;
            if (name.equals("specversion") || REQUIRED.contains(name) || name.equals("data")) {
                problem = null;
            }
            else if (name.equals("time")) {
                problem = value.isString() ? time(value.asString()) : "must be a string, an RFC 3339 date-time";
            }
            else if (STRINGS.contains(name)) {
                problem = value.isString() || value.isNull() ? null : "must be a string";
            }
            else {
                problem = (value.isString() || value.isNumber() || value.isBoolean() || value.isNull()) ? null
                        : "is an extension attribute: it must be a string, a number or a boolean";
            }
            if (problem == null && name.equals("source")) {
                problem = uriReference(value.asString());
            }
            if (problem != null) {
                return new IncomingEvent.Refusal("/" + name.replace("~", "~0").replace("/", "~1"), problem);
            }
        }
        return null;
    }

    /**
     * What is wrong with a binary-mode CloudEvent's {@code ce-*} headers, or null; the
     * pointer is the header's name.
     */
    static IncomingEvent.Refusal checkHeaders(Map<String, String> headers) {
        if (!"1.0".equals(headers.get("ce-specversion"))) {
            return new IncomingEvent.Refusal("ce-specversion", "must be 1.0");
        }
        for (String name : new String[] { "ce-id", "ce-source", "ce-type" }) {
            String value = headers.get(name);
            if (value == null || value.isBlank()) {
                return new IncomingEvent.Refusal(name,
                        (value == null)
                                ? "is missing: a binary-mode CloudEvent needs ce-id, ce-source and ce-type headers"
                                : "must not be empty");
            }
        }
        String source = uriReference(headers.get("ce-source"));
        if (source != null) {
            return new IncomingEvent.Refusal("ce-source", source);
        }
        String time = (headers.get("ce-time") != null) ? time(headers.get("ce-time")) : null;
        return (time != null) ? new IncomingEvent.Refusal("ce-time", time) : null;
    }

    private static String time(String text) {
        try {
            OffsetDateTime.parse(text);
            return null;
        }
        catch (DateTimeParseException ex) {
            return "must be an RFC 3339 date-time with an offset (2017-07-17T08:01:02Z), not '" + text + "'";
        }
    }

    private static String uriReference(String text) {
        try {
            new URI(text);
            return null;
        }
        catch (URISyntaxException ex) {
            return "must be a URI reference (" + ex.getReason() + " at index " + ex.getIndex() + ")";
        }
    }

}
