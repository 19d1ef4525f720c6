package dev.weir.ingest.push;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Finds a string or member name holding an unpaired UTF-16 surrogate: a high surrogate
 * without a low one after it, or a low one alone. JSON's escapes can spell one (RFC 8259
 * §8.2 leaves its meaning undefined; I-JSON, RFC 7493, forbids it), but it is not
 * Unicode, and UTF-8 readers such as the lake writer's DuckDB refuse it.
 */
final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /** The first unpaired surrogate in the tree, as a refusal, or null if none. */
    static IncomingEvent.Refusal find(JsonNode node) {
        return find(node, "");
    }

    private static IncomingEvent.Refusal find(JsonNode node, String pointer) {
        if (node.isString()) {
            int at = unpaired(node.asString());
            return (at < 0) ? null : refusal(pointer, "", node.asString().charAt(at));
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                int at = unpaired(member.getKey());
                if (at >= 0) {
                    return refusal(pointer, "has a member name that ", member.getKey().charAt(at));
                }
                IncomingEvent.Refusal found = find(member.getValue(), pointer + "/" + escape(member.getKey()));
                if (found != null) {
                    return found;
                }
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                IncomingEvent.Refusal found = find(node.get(i), pointer + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The index of the first unpaired surrogate in the text, or -1. */
    static int unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static IncomingEvent.Refusal refusal(String pointer, String what, char surrogate) {
        String kind = Character.isHighSurrogate(surrogate) ? "a high surrogate without a low one after it"
                : "a low surrogate without a high one before it";
        return new IncomingEvent.Refusal(pointer, what + "holds an unpaired UTF-16 surrogate, "
                + "\\u%04x (%s): JSON text must be Unicode".formatted((int) surrogate, kind));
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

}
