package dev.weir.analytics.pipeline;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.weir.analytics.system.HttpAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Pipeline health", description = "Freshness, lag, dead letters, counts and runs of every dataset")
class PipelineHealthController {

    private final PipelineHealthService health;

    PipelineHealthController(PipelineHealthService health) {
        this.health = health;
    }

    @GetMapping(path = "/pipeline/health", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pipeline health of every dataset",
            description = "Each dataset's last load and freshness, the loader's consumer lag (from Kafka), dead "
                    + "letters by rule, the reconciliation counts and the last connector runs (from the Ingest "
                    + "service). Recomputed at most every 2 s (weir.analytics.freshness.pipeline-max-age).")
    @ApiResponse(responseCode = "200", description = "Every dataset's health")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    ResponseEntity<PipelineViews.PipelineHealth> health(WebRequest request) {
        return HttpAnswers.respond(request, this.health.health());
    }

}
