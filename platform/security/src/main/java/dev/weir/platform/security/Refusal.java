package dev.weir.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Why a call is refused, as an RFC 9457 problem: 401 without a valid token (with a
 * {@code WWW-Authenticate: Bearer} challenge, RFC 6750), 403 when the token lacks the
 * operation's scope. The detail never contains the token.
 *
 * @param status 401 or 403 (400 for a request that cannot be checked at all)
 * @param slug the last segment of the problem's stable type URI
 * @param title the problem's title
 * @param detail what was wrong, for people
 * @param challenge the {@code WWW-Authenticate} header's value, or null
 */
public record Refusal(int status, String slug, String title, String detail, String challenge) {

    /** The base of every Weir problem type URI. */
    public static final String TYPE_BASE = "https://weir.dev/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** No credentials at all. */
    public static Refusal unauthenticated(String detail) {
        return new Refusal(401, "unauthenticated", "Authentication required", detail, "Bearer realm=\"weir\"");
    }

    /** A token that is not valid here. */
    public static Refusal invalidToken(String detail) {
        return new Refusal(401, "invalid-token", "Invalid token", detail,
                "Bearer realm=\"weir\", error=\"invalid_token\", error_description=\"" + quotable(detail) + "\"");
    }

    /** A valid token without the scope the operation needs. */
    public static Refusal insufficientScope(String scope) {
        return new Refusal(403, "insufficient-scope", "Insufficient scope",
                "This operation needs the scope '" + scope + "', which the token does not grant.",
                "Bearer realm=\"weir\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    /** The problem's type URI. */
    public String type() {
        return TYPE_BASE + this.slug;
    }

    /** The problem as {@code application/problem+json}. */
    public byte[] json(String instance) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type());
        members.put("title", this.title);
        members.put("status", this.status);
        members.put("detail", this.detail);
        if (instance != null) {
            members.put("instance", instance);
        }
        return JSON.writeValueAsBytes(members);
    }

    private static String quotable(String text) {
        return text.replace("\\", "").replace("\"", "'");
    }

}
