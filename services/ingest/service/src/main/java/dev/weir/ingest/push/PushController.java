package dev.weir.ingest.push;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.security.TokenRejectedException;
import dev.weir.platform.security.TokenVerifier;
import dev.weir.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The push endpoint, {@code POST /events/{stream}}, and the streams' declarations. Binds
 * the request (its format from {@code Content-Type} and {@code ce-*} headers, its body as
 * sent) and delegates; docs/push.md says what each answer means.
 */
@RestController
@ConditionalOnBooleanProperty(name = "weir.ingest.push.enabled", matchIfMissing = true)
@RequestMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Push", description = "Pushed events: JSON, NDJSON and CloudEvents into weir.raw.<stream>")
class PushController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The charsets of UTF-8 JSON: UTF-8, and US-ASCII, a subset of it. */
    private static final Set<String> UTF_8 = Set.of("utf-8", "utf8", "us-ascii");

    private final PushService push;

    private final StreamCatalog catalog;

    private final TokenVerifier tokens;

    PushController(PushService push, StreamCatalog catalog, TokenVerifier tokens) {
        this.push = push;
        this.catalog = catalog;
        this.tokens = tokens;
    }

    @PostMapping("/{stream}")
    @Operation(summary = "Push events",
            description = "One JSON event, an array, NDJSON, or CloudEvents (structured, batched or binary), "
                    + "optionally gzip-compressed, in UTF-8. 202 only once Kafka acknowledged every accepted event.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The events; their format is told by Content-Type (and ce-* headers for a binary "
                            + "CloudEvent). Each event is checked against the stream's JSON Schema.",
                    content = {
                            @Content(mediaType = "application/json",
                                    schema = @Schema(description = "One event (a JSON object) or an array of them")),
                            @Content(mediaType = "application/x-ndjson",
                                    schema = @Schema(type = "string", description = "One event per line")),
                            @Content(mediaType = "application/cloudevents+json",
                                    schema = @Schema(type = "object",
                                            description = "One structured CloudEvent; its data is the event")),
                            @Content(mediaType = "application/cloudevents-batch+json",
                                    schema = @Schema(type = "array",
                                            description = "Structured CloudEvents; each one's data is an event")) }))
    @ApiResponse(responseCode = "202", description = "Kafka acknowledged every accepted event",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PushOutcome.class)))
    @ApiResponse(responseCode = "400", ref = "Malformed")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @ApiResponse(responseCode = "413", ref = "TooLarge")
    @ApiResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<Object> push(@Parameter(example = "rides") @PathVariable String stream,
            @RequestParam(defaultValue = "false") boolean partial, @RequestHeader HttpHeaders headers, InputStream body)
            throws IOException, InterruptedException, HttpMediaTypeNotSupportedException {
        Map<String, String> cloudEvent = cloudEventHeaders(headers);
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        MediaType mediaType;
        try {
            mediaType = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
        }
        catch (InvalidMediaTypeException ex) {
            return unsupportedMediaType("Content-Type '" + contentType + "' is not a media type; send "
                    + String.join(" or ", PushFormat.MEDIA_TYPES) + ".");
        }
        PushFormat format = PushFormat.of(contentType, cloudEvent.containsKey("ce-specversion"));
        if (format == null) {
            throw new HttpMediaTypeNotSupportedException(mediaType,
                    PushFormat.MEDIA_TYPES.stream().map(MediaType::parseMediaType).toList());
        }
        String charset = mediaType.getParameter("charset");
        if (charset != null && !UTF_8.contains(unquote(charset).toLowerCase(Locale.ROOT))) {
            return unsupportedMediaType("Content-Type charset '" + charset + "' is not supported: JSON is sent in "
                    + "UTF-8 (RFC 8259); send charset=utf-8, or no charset.");
        }
        String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null
                && List.of("gzip", "x-gzip").contains(encoding.strip().toLowerCase(Locale.ROOT));
        if (encoding != null && !gzip && !encoding.strip().equalsIgnoreCase("identity")) {
            return unsupportedEncoding(encoding);
        }
        String key = headers.getFirst(IDEMPOTENCY_KEY);
        if (key != null && (key.isBlank() || key.length() > IdempotencyKeys.MAX_KEY_LENGTH)) {
            throw WeirException.invalid(FieldError.header(IDEMPOTENCY_KEY,
                    "must be 1 to " + IdempotencyKeys.MAX_KEY_LENGTH + " characters"));
        }
        byte[] bytes = body.readAllBytes();
        PushService.PushAnswer answer = this.push.push(stream, new PushRequest(format, gzip, bytes, cloudEvent, key,
                partial, caller(headers.getFirst(HttpHeaders.AUTHORIZATION))));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(answer.body());
    }

    @GetMapping("/streams")
    @Operation(summary = "List streams", description = "Every declared stream with its schema, key and time field.")
    StreamViews.StreamList streams() {
        return new StreamViews.StreamList(this.catalog.all().stream().map(StreamViews.StreamView::of).toList(),
                this.catalog.invalid()
                    .entrySet()
                    .stream()
                    .map((e) -> new StreamViews.InvalidStream(e.getKey(), e.getValue()))
                    .toList());
    }

    @GetMapping("/streams/{name}")
    @Operation(summary = "Get a stream's declaration")
    StreamViews.StreamView stream(@PathVariable String name) {
        return StreamViews.StreamView.of(this.catalog.compiled(name).definition());
    }

    @PutMapping(path = "/streams/{name}",
            consumes = { "application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE,
                    MediaType.TEXT_PLAIN_VALUE })
    @Operation(summary = "Declare a stream",
            description = "YAML or JSON: name, version, description, key, time, schema. A changed schema needs a "
                    + "higher version. 201 when new, 200 when replaced; 422 lists every problem.")
    @ApiResponse(responseCode = "201", description = "Declared")
    @ApiResponse(responseCode = "200", description = "Replaced")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<StreamViews.StreamView> declare(@PathVariable String name, @RequestBody String text) {
        boolean created = this.catalog.save(name, text);
        StreamViews.StreamView view = StreamViews.StreamView.of(this.catalog.compiled(name).definition());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
    }

    private static Map<String, String> cloudEventHeaders(HttpHeaders headers) {
        Map<String, String> found = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("ce-") && !values.isEmpty()) {
                found.put(lower, values.get(0));
            }
        });
        return found;
    }

    /**
     * Who pushes: the subject of the bearer token the request guard let through (the edge
     * passes its caller's), or "" when there is none (security off, insecure-dev).
     */
    private String caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "";
        }
        try {
            return this.tokens.verify(authorization.substring(7).strip()).subject();
        }
        catch (TokenRejectedException ex) {
            // only when no guard checks tokens (insecure-dev): anyone
            return "";
        }
    }

    private static String unquote(String value) {
        return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
                ? value.substring(1, value.length() - 1) : value;
    }

    private static ResponseEntity<Object> unsupportedMediaType(String detail) {
        ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(415), "unsupported-media-type",
                "Unsupported media type", detail);
        return ResponseEntity.status(415).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> unsupportedEncoding(String encoding) {
        ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(415), "unsupported-content-encoding",
                "Unsupported content encoding",
                "Content-Encoding '" + encoding + "' is not supported here; send gzip or identity.");
        return ResponseEntity.status(415).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
