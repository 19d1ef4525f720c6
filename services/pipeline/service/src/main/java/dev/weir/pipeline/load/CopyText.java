package dev.weir.pipeline.load;

import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.Column;

/** Values in PostgreSQL's {@code COPY ... FROM STDIN} text format. */
final class CopyText {

    static final String NULL = "\\N";

    private CopyText() {
    }

    /** A JSON value as a COPY field of {@code column}. */
    static String value(JsonNode node, Column column) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NULL;
        }
        if (node.isArray()) {
            StringBuilder array = new StringBuilder("{");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    array.append(',');
                }
                array.append('"').append(raw(node.get(i)).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return escape(array.append('}').toString());
        }
        return escape(raw(node));
    }

    /** The value's text, unescaped. */
    static String raw(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isString() ? node.stringValue() : node.asString();
    }

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                }
                else {
                    out.append(c);
                }
            }
        }
        return (out != null) ? out.toString() : text;
    }

}
