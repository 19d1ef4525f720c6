package dev.weir.analytics.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.weir.analytics.system.AnalyticsProperties;
import dev.weir.platform.security.ServiceToken;

/**
 * A connector's last runs, asked of the Ingest service's admin API ({@code GET
 * /connectors/{name}/runs}): the runs are the Ingest service's, and services share no
 * tables.
 */
@Component
class ConnectorRuns {

    private final RestClient client;

    private final int runs;

    ConnectorRuns(AnalyticsProperties properties, ServiceToken token) {
        var http = java.net.http.HttpClient.newBuilder().connectTimeout(properties.ingest().timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.ingest().timeout());
        this.client = RestClient.builder()
            .baseUrl(properties.ingest().url().toString())
            .requestFactory(requests)
            // Ingest checks this service's token like any caller's (connectors.admin)
            .requestInterceptor((request, body, execution) -> {
                String authorization = token.authorization();
                if (authorization != null) {
                    request.getHeaders().set("Authorization", authorization);
                }
                return execution.execute(request, body);
            })
            .build();
        this.runs = properties.ingest().runs();
    }

    /** The connector's last runs, newest first; never throws (the view says why). */
    PipelineViews.Runs last(String connector) {
        try {
            List<Map<String, Object>> body = this.client.get()
                .uri("/connectors/{name}/runs?limit={limit}", connector, this.runs)
                .retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<>() {
                });
            List<PipelineViews.Run> runs = (body != null) ? body.stream().map(ConnectorRuns::run).toList() : List.of();
            return new PipelineViews.Runs(connector, true, runs, null);
        }
        catch (RuntimeException ex) {
            return new PipelineViews.Runs(connector, false, List.of(),
                    "The Ingest service did not answer: " + ex.getMessage());
        }
    }

    private static PipelineViews.Run run(Map<String, Object> json) {
        return new PipelineViews.Run(text(json.get("run_id")), text(json.get("status")), text(json.get("trigger")),
                instant(json.get("started_at")), instant(json.get("finished_at")), number(json.get("duration_seconds")),
                (long) number(json.get("pages")), (long) number(json.get("records")),
                (long) number(json.get("dead_letters")), text(json.get("error")));
    }

    private static String text(Object value) {
        return (value != null) ? value.toString() : null;
    }

    private static Instant instant(Object value) {
        return (value != null) ? Instant.parse(value.toString()) : null;
    }

    private static double number(Object value) {
        return (value instanceof Number number) ? number.doubleValue() : 0;
    }

}
