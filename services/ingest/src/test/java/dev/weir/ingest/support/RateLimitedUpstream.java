package dev.weir.ingest.support;

import java.util.ArrayDeque;
import java.util.Deque;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * An upstream that allows {@code per_second} requests in any one-second window and
 * answers the rest {@code 429 Too Many Requests} with {@code Retry-After: 1}, as rate
 * limited APIs do. Stubs opt in with
 * {@code .withTransformers(RateLimitedUpstream.NAME).withTransformerParameter("per_second", n)}.
 */
public final class RateLimitedUpstream implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "rate-limited";

    private static final long SECOND = 1_000_000_000L;

    private final Deque<Long> accepted = new ArrayDeque<>();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        int limit = serveEvent.getTransformerParameters().getInt("per_second");
        long now = System.nanoTime();
        synchronized (this.accepted) {
            while (!this.accepted.isEmpty() && now - this.accepted.peekFirst() >= SECOND) {
                this.accepted.removeFirst();
            }
            if (this.accepted.size() >= limit) {
                return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"rate limit: " + limit + " requests per second\"}")
                    .build();
            }
            this.accepted.addLast(now);
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
