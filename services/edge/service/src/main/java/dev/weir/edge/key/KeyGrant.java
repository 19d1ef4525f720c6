package dev.weir.edge.key;

import java.util.Set;

import dev.weir.edge.limit.RatePlan;

/**
 * What a valid API key grants a call.
 *
 * @param subject {@code key:<id>}, the caller in tokens, limits and usage
 * @param scopes the key's scopes
 * @param plan its rate limit
 * @param bearer the short-lived token the call carries downstream
 */
public record KeyGrant(String subject, Set<String> scopes, RatePlan plan, String bearer) {
}
