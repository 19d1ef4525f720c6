package dev.weir.ingest.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * An upstream that allows each client {@code per_second} requests in any one-second
 * window and answers the rest {@code 429 Too Many Requests} with {@code Retry-After: 1},
 * as rate limited APIs do. Stubs opt in with
 * {@code .withTransformers(RateLimitedUpstream.NAME).withTransformerParameter("per_second", n)}.
 */
public final class RateLimitedUpstream implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "rate-limited";

    private static final long SECOND = 1_000_000_000L;

    /**
     * Requests accepted, by client (the first segment of the path: one connector each).
     */
    private final Map<String, Deque<Long>> accepted = new ConcurrentHashMap<>();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        int limit = serveEvent.getTransformerParameters().getInt("per_second");
        long now = System.nanoTime();
        String client = serveEvent.getRequest().getUrl().split("/")[1];
        Deque<Long> accepted = this.accepted.computeIfAbsent(client, (c) -> new ArrayDeque<>());
        synchronized (accepted) {
            while (!accepted.isEmpty() && now - accepted.peekFirst() >= SECOND) {
                accepted.removeFirst();
            }
            if (accepted.size() >= limit) {
                return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"rate limit: " + limit + " requests per second\"}")
                    .build();
            }
            accepted.addLast(now);
        }
        return serveEvent.getResponseDefinition();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

}
