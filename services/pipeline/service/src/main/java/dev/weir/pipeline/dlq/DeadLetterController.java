package dev.weir.pipeline.dlq;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.weir.pipeline.dlq.DeadLetterViews.DeadLetterCounts;
import dev.weir.pipeline.dlq.DeadLetterViews.DeadLetterDetail;
import dev.weir.pipeline.dlq.DeadLetterViews.DeadLetterPage;
import dev.weir.pipeline.dlq.DeadLetterViews.ReplayRequest;
import dev.weir.pipeline.dlq.DeadLetterViews.ReplayResponse;

/** The dead letters of every dataset: {@code weir dlq list|show|replay}. */
@RestController
@RequestMapping(path = "/dlq", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Dead letters", description = "Records a rule rejected, with why and where they came from; replay")
class DeadLetterController {

    private final DeadLetterService service;

    DeadLetterController(DeadLetterService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "Dead letters per dataset and rule")
    @ApiResponse(responseCode = "200", description = "Every dataset with its dead letters per rule")
    DeadLetterCounts counts() {
        return this.service.counts();
    }

    @GetMapping("/{dataset}")
    @Operation(summary = "A dataset's dead letters, oldest first")
    @ApiResponse(responseCode = "200", description = "A page of dead letters")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    DeadLetterPage list(@PathVariable String dataset, @RequestParam(required = false) String rule,
            @Parameter(description = "The id after which to list, `<partition>-<offset>`",
                    example = "0-41") @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return this.service.list(dataset, rule, after, limit);
    }

    @GetMapping("/{dataset}/{id}")
    @Operation(summary = "One dead letter with its original record and provenance")
    @ApiResponse(responseCode = "200", description = "The dead letter")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    DeadLetterDetail show(@PathVariable String dataset,
            @Parameter(description = "`<partition>-<offset>`", example = "0-41") @PathVariable String id) {
        return this.service.show(dataset, id);
    }

    @PostMapping(path = "/{dataset}/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send dead letters through the clean stage again (each is cleaned at most once)")
    @ApiResponse(responseCode = "200", description = "What was sent again and what was skipped")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ReplayResponse replay(@PathVariable String dataset, @Valid @RequestBody ReplayRequest request) {
        return this.service.replay(dataset, request.ids(), request.rule());
    }

}
