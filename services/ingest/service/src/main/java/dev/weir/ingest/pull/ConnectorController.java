package dev.weir.ingest.pull;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.weir.ingest.pull.ConnectorViews.CheckpointView;
import dev.weir.ingest.pull.ConnectorViews.ConnectorDetail;
import dev.weir.ingest.pull.ConnectorViews.ConnectorSummary;
import dev.weir.ingest.pull.ConnectorViews.RunStarted;
import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.pull.definition.Definition;
import dev.weir.ingest.pull.run.ConnectorRuns;
import dev.weir.ingest.pull.run.ProbeViews;
import dev.weir.ingest.pull.run.RunView;
import dev.weir.ingest.pull.ConnectorSchedules;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The admin API of pull connectors: definitions, schedules, runs and their history. */
@RestController
@RequestMapping(path = "/connectors", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Connectors", description = "Pull connectors: definitions, schedules, runs")
class ConnectorController {

    private static final String RUN_ID = "The run's id (a UUID), as POST /connectors/{name}/runs answers it";

    static final String YAML = "application/yaml";

    private final ConnectorCatalog catalog;

    private final ConnectorRuns runs;

    private final ConnectorSchedules schedules;

    private final RunEvents events;

    ConnectorController(ConnectorCatalog catalog, ConnectorRuns runs, ConnectorSchedules schedules, RunEvents events) {
        this.catalog = catalog;
        this.runs = runs;
        this.schedules = schedules;
        this.events = events;
    }

    @GetMapping
    @Operation(summary = "List connectors",
            description = "Built-in, file, API and Java connectors, with their problems, schedules and latest runs.")
    List<ConnectorSummary> list() {
        return this.catalog.all()
            .stream()
            .map((definition) -> ConnectorSummary.of(definition, this.runs.latest(definition.name()).orElse(null)))
            .toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Get a connector's configuration",
            description = "The definition with overrides applied; secrets are masked (references such as "
                    + "`${env:NAME}` are shown as written, literal secrets as `****`).")
    @ApiResponse(responseCode = "200", description = "The connector's configuration and latest run")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ConnectorDetail get(@Parameter(example = "fhrs") @PathVariable String name) {
        Definition definition = this.catalog.get(name);
        return ConnectorDetail.of(definition, this.runs.latest(name).orElse(null));
    }

    @PutMapping(path = "/{name}",
            consumes = { YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE,
                    MediaType.TEXT_PLAIN_VALUE })
    @Operation(summary = "Create or replace a connector",
            description = "The body is the definition in YAML (or JSON), as in a connector file. It is validated "
                    + "with this environment's overrides; every problem is listed at once.")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/connectors/{name}"))
    @ApiResponse(responseCode = "200", description = "Replaced")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<ConnectorDetail> put(@PathVariable String name, @RequestBody String definition) {
        boolean created = this.catalog.save(name, definition);
        ConnectorDetail detail = ConnectorDetail.of(this.catalog.get(name), this.runs.latest(name).orElse(null));
        return created ? ResponseEntity.created(URI.create("/connectors/" + name)).body(detail)
                : ResponseEntity.ok(detail);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a connector stored through this API")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    ResponseEntity<Void> delete(@PathVariable String name) {
        this.catalog.delete(name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{name}/schedule")
    @Operation(summary = "Get a connector's schedule",
            description = "Its cron expression (Spring, six fields), its time zone and next fire times.")
    @ApiResponse(responseCode = "200", description = "The schedule")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ConnectorSchedules.ScheduleView schedule(@PathVariable String name) {
        return this.schedules.view(name, 5);
    }

    @GetMapping("/{name}/checkpoints")
    @Operation(summary = "Where a connector's streams stand",
            description = "Per stream, in the definition's order: partitions known, done and pending in the current "
                    + "sync, pages done in it, the incremental cursor of the last complete sync, and when a page "
                    + "was last done. A run resumes from here; an empty list means it has never done a page.")
    @ApiResponse(responseCode = "200", description = "Each stream's checkpoint")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    List<CheckpointView> checkpoints(@PathVariable String name) {
        return this.runs.checkpoints(name).stream().map(CheckpointView::of).toList();
    }

    @PostMapping("/{name}/runs")
    @Operation(summary = "Run a connector now",
            description = "Starts a run in the background and answers at once with its id; the run goes on in the "
                    + "service whatever becomes of the caller (follow it at `events_url`, cancel it at "
                    + "`/cancel`). `refetch=true` fetches every page again, even pages done within their "
                    + "fingerprint's lifetime.")
    @ApiResponse(responseCode = "202", description = "Started",
            headers = @Header(name = "Location", description = "/connectors/{name}/runs/{run_id}"))
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<RunStarted> run(@PathVariable String name, @RequestParam(defaultValue = "false") boolean refetch) {
        ConnectorRuns.StartedRun started = this.runs.start(name, refetch);
        String url = "/connectors/" + name + "/runs/" + started.runId();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
            .location(URI.create(url))
            .body(new RunStarted(started.runId().toString(), name, "running", url, url + "/events",
                    started.syncId().toString(), !started.syncId().equals(started.runId())));
    }

    @PostMapping("/{name}/check")
    @Operation(summary = "Check a connector without running it",
            description = "Validates the definition (422 listing every problem), then makes one request per stream: "
                    + "its first page (a child stream's for the first record of its parent's first page) and says "
                    + "what came back: status, records, whether another page follows, what went wrong. Nothing is "
                    + "written: no record, checkpoint, fingerprint or run.")
    @ApiResponse(responseCode = "200", description = "What each stream's first request answered")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ProbeViews.Check check(@Parameter(example = "fhrs") @PathVariable String name) throws InterruptedException {
        return this.runs.check(name);
    }

    @GetMapping("/{name}/preview")
    @Operation(summary = "Preview a stream's first records without running the connector",
            description = "Reads the stream's pages (and its parents' first pages) until it has `limit` records, at "
                    + "most " + "20 requests, and answers them as a run would publish them (key and record). Nothing "
                    + "is written.")
    @ApiResponse(responseCode = "200", description = "The stream's first records")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ProbeViews.Preview preview(@Parameter(example = "fhrs") @PathVariable String name,
            @Parameter(description = "The stream; default: the first.") @RequestParam(required = false) String stream,
            @Parameter(description = "How many records, 1-100 (else 422).",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(minimum = "1", maximum = "100",
                            defaultValue = "10")) @RequestParam(defaultValue = "10") int limit)
            throws InterruptedException {
        return this.runs.preview(name, stream, limit);
    }

    @GetMapping("/{name}/runs")
    @Operation(summary = "A connector's run history",
            description = "Newest first, with counts: pages, pages skipped, records, retries, 429s, dead letters, "
                    + "duration and outcome.")
    @ApiResponse(responseCode = "200", description = "The runs, newest first")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    List<RunView> history(@PathVariable String name, @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit) {
        return this.runs.history(name, limit);
    }

    @GetMapping(path = "/{name}/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a run as it goes (Server-Sent Events)",
            description = "`progress` events (the run as `GET /connectors/{name}/runs/{run_id}` shows it) when its "
                    + "counts change, then one `finished` event with its report, and the stream ends. A run that "
                    + "has ended answers its `finished` event at once. Closing the stream leaves the run going.")
    @ApiResponse(responseCode = "200", description = "The event stream")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    SseEmitter events(@PathVariable String name,
            @Parameter(description = RUN_ID, schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string",
                    format = "uuid")) @PathVariable String runId) {
        return this.events.follow(name, runId(runId));
    }

    @PostMapping("/{name}/runs/{runId}/cancel")
    @Operation(summary = "Cancel a run",
            description = "The run stops at its next page boundary, as `interrupted`; the next run resumes its sync. "
                    + "Only the replica running it can cancel it.")
    @ApiResponse(responseCode = "202", description = "Cancelling")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict")
    ResponseEntity<RunView> cancel(@PathVariable String name,
            @Parameter(description = RUN_ID, schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string",
                    format = "uuid")) @PathVariable String runId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.runs.cancel(name, runId(runId)));
    }

    @GetMapping("/{name}/runs/{runId}")
    @Operation(summary = "One run, with its report")
    @ApiResponse(responseCode = "200", description = "The run")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    RunView runOf(@PathVariable String name,
            @Parameter(description = RUN_ID, schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string",
                    format = "uuid")) @PathVariable String runId) {
        return this.runs.find(name, runId(runId));
    }

    /**
     * A run id from the path. Bound as text and read here, as the platform's
     * type-mismatch answer knows no UUID (it said "must be a JSON object").
     */
    private static UUID runId(String text) {
        try {
            return UUID.fromString(text);
        }
        catch (IllegalArgumentException ex) {
            throw WeirException.invalid(FieldError.path("runId",
                    "must be a run id (a UUID), as POST /connectors/{name}/runs answers it; got '" + text + "'"));
        }
    }

}
