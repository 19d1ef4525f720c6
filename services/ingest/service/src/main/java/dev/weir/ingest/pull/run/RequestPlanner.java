package dev.weir.ingest.pull.run;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.weir.ingest.pull.definition.ConnectorConfig;
import dev.weir.ingest.pull.definition.Secrets;
import dev.weir.ingest.pull.definition.StreamConfig;
import dev.weir.ingest.pull.definition.Templates;
import dev.weir.ingest.pull.spi.OutgoingRequest;
import dev.weir.ingest.pull.spi.PageState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a page's request: the stream's path under the base URL, its parameters and
 * headers with the partition's templates filled, the incremental cursor, then the
 * paginator's part (last: a next link replaces the whole URL). The fingerprint is taken
 * here, before an authenticator adds credentials.
 */
final class RequestPlanner {

    private final ConnectorConfig config;

    private final Secrets secrets;

    RequestPlanner(ConnectorConfig config, Secrets secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    /**
     * A page's request, planned.
     *
     * @param request the request, without credentials
     * @param fingerprint its fingerprint
     * @param url its URL with the run's secrets masked (for headers, reports, logs)
     */
    record PlannedPage(OutgoingRequest request, RequestFingerprint fingerprint, String url) {
    }

    /**
     * The request for the page in {@code state} of a partition bound to {@code bindings}.
     * @throws UnplannableException when a template names a field the partition's value
     * lacks
     * @throws IllegalArgumentException when the result is not a URL
     */
    PlannedPage plan(PullRun.Streamed streamed, Map<String, JsonNode> bindings, PageState state, String cursor) {
        StreamConfig stream = streamed.config();
        String path = render(() -> renderPath(stream.path(), bindings));
        URI uri;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            uri = URI.create(path);
        }
        else {
            String base = this.config.baseUrl().toString();
            uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                    + (path.startsWith("/") ? path : "/" + path));
        }
        OutgoingRequest request = new OutgoingRequest(uri);
        streamed.params()
            .forEach((name, value) -> request.queryParam(name, render(() -> Templates.render(value, bindings))));
        streamed.headers()
            .forEach((name, value) -> request.header(name, render(() -> Templates.render(value, bindings))));
        if (stream.incremental() != null && stream.incremental().param() != null && cursor != null) {
            request.queryParam(stream.incremental().param(), cursor);
        }
        // pagination last: a next link replaces the whole URL
        streamed.paginator().apply(state, request);
        return new PlannedPage(request, RequestFingerprint.ofGet(request.uri()),
                this.secrets.mask(request.uri().toString()));
    }

    private static String render(Supplier<String> template) {
        try {
            return template.get();
        }
        catch (IllegalArgumentException ex) {
            throw new UnplannableException(ex.getMessage());
        }
    }

    private static String renderPath(String path, Map<String, JsonNode> bindings) {
        if (!path.contains("{{")) {
            return path;
        }
        Map<String, JsonNode> encoded = new LinkedHashMap<>();
        bindings.forEach((name, value) -> encoded.put(name, encodeValues(value)));
        return Templates.render(path, encoded);
    }

    private static JsonNode encodeValues(JsonNode value) {
        if (value instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach((e) -> copy.set(e.getKey(), encodeValues(e.getValue())));
            return copy;
        }
        if (value.isValueNode() && !value.isNull()) {
            return JsonNodeFactory.instance
                .stringNode(URLEncoder.encode(value.asString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return value;
    }

    /**
     * A template the partition's value cannot fill: a quirk of the data (a parent record
     * without the field), not of the run.
     */
    static final class UnplannableException extends RuntimeException {

        UnplannableException(String message) {
            super(message);
        }

    }

}
