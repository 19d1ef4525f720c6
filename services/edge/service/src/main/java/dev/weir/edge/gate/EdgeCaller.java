package dev.weir.edge.gate;

import java.util.Set;

import dev.weir.edge.limit.RatePlan;

/**
 * Who is calling through the edge, once authenticated.
 *
 * @param subject {@code key:<id>} or {@code client:<id>}
 * @param scopes what the caller may do
 * @param bearer the token the call carries downstream
 * @param plan the caller's rate limit
 */
public record EdgeCaller(String subject, Set<String> scopes, String bearer, RatePlan plan) {

    /** The request attribute an authenticated call carries its caller in. */
    public static final String ATTRIBUTE = EdgeCaller.class.getName();

}
