package dev.weir.testing.upstreams;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The upstream's own admin endpoints, next to WireMock's under {@code /__admin}, for a
 * standalone upstream that benchmarks and scripts in other languages drive over HTTP.
 * Admin requests are neither counted nor rate-limited.
 * <ul>
 * <li>{@code GET /__admin/weir/counters}: {@link Counters.Snapshot} as JSON</li>
 * <li>{@code POST /__admin/weir/counters/reset}: start counting again</li>
 * <li>{@code POST /__admin/weir/faults}: arm a fault, e.g. {@code {"fault": "status",
 * "status": 503, "times": 3, "path": "/Establishments", "query": {"pageNumber": "2"}}};
 * {@code fault} is one of {@code too_many_requests} (with {@code retry_after_seconds} or
 * {@code retry_after_date_seconds}), {@code status}, {@code delay} ({@code delay_ms}),
 * {@code truncated_body}, {@code malformed_json}, {@code content_changes},
 * {@code connection_reset}; optional {@code always}, {@code from_fetch}</li>
 * <li>{@code DELETE /__admin/weir/faults}: disarm all</li>
 * </ul>
 */
final class UpstreamAdmin implements AdminApiExtension {

    private final Upstream upstream;

    UpstreamAdmin(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public String getName() {
        return "weir-upstream-admin";
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, "/weir/counters", (admin, event, params) -> json(200,
                FhrsDataSet.json.writeValueAsString(this.upstream.counters().snapshot())));
        router.add(RequestMethod.POST, "/weir/counters/reset", (admin, event, params) -> {
            this.upstream.counters().reset();
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        });
        router.add(RequestMethod.POST, "/weir/faults", (admin, event, params) -> {
            try {
                Fault fault = parse(FhrsDataSet.json.readTree(event.getRequest().getBodyAsString()));
                this.upstream.faults().inject(fault);
                return json(201, FhrsDataSet.json.writeValueAsString(Map.of("armed", fault.toString())));
            }
            catch (IllegalArgumentException | IllegalStateException | JacksonException ex) {
                return json(400,
                        FhrsDataSet.json.writeValueAsString(Map.of("message", String.valueOf(ex.getMessage()))));
            }
        });
        router.add(RequestMethod.DELETE, "/weir/faults", (admin, event, params) -> {
            this.upstream.faults().clear();
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        });
    }

    static Fault parse(JsonNode spec) {
        String kind = spec.path("fault").asString("");
        Fault fault = switch (kind) {
            case "too_many_requests" -> Fault.tooManyRequests(retryAfter(spec));
            case "status" -> {
                Fault status = Fault.status(spec.path("status").asInt(0));
                yield (spec.has("retry_after_seconds") || spec.has("retry_after_date_seconds"))
                        ? status.retryAfter(retryAfter(spec)) : status;
            }
            case "delay" -> Fault.delay(Duration.ofMillis(spec.path("delay_ms").asLong(0)));
            case "truncated_body" -> Fault.truncatedBody();
            case "malformed_json" -> Fault.malformedJson();
            case "content_changes" -> Fault.contentChanges();
            case "connection_reset" -> Fault.connectionReset();
            default -> throw new IllegalArgumentException("Unknown fault '" + kind + "': one of too_many_requests, "
                    + "status, delay, truncated_body, malformed_json, content_changes, connection_reset");
        };
        if (spec.hasNonNull("path")) {
            fault = fault.on(spec.path("path").asString());
        }
        for (Map.Entry<String, JsonNode> param : spec.path("query").properties()) {
            fault = fault.withQuery(param.getKey(), param.getValue().asString());
        }
        if (spec.has("times")) {
            fault = fault.times(spec.path("times").asInt());
        }
        if (spec.path("always").asBoolean(false)) {
            fault = fault.always();
        }
        if (spec.has("from_fetch")) {
            fault = fault.fromFetch(spec.path("from_fetch").asInt());
        }
        return fault;
    }

    private static RetryAfter retryAfter(JsonNode spec) {
        if (spec.has("retry_after_date_seconds")) {
            return RetryAfter.httpDate(Duration.ofSeconds(spec.path("retry_after_date_seconds").asLong()));
        }
        return RetryAfter.seconds(spec.path("retry_after_seconds").asLong(1));
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(body)
            .build();
    }

}
