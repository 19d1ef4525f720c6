package dev.weir.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * What an API key or an OAuth2 client is granted: its scopes and its rate limit, as
 * {@code weir keys create} and {@code weir clients create} take them.
 */
final class GrantOptions {

    @Option(names = "--scopes", required = true, split = ",", paramLabel = "SCOPE,...",
            description = "What it may do: retail.read, retail.write, events.write, connectors.admin, analytics.read, pipeline.read, admin.")
    List<String> scopes;

    @Option(names = "--limit", paramLabel = "N/PERIOD",
            description = "Its rate limit, such as 100/s, 6000/min or 50000/h (default: the edge's).")
    String limit;

    /** The admin API's body for a key or client called {@code name}. */
    Map<String, Object> body(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scopes", this.scopes);
        if (this.limit != null) {
            body.put("limit", this.limit);
        }
        return body;
    }

}
