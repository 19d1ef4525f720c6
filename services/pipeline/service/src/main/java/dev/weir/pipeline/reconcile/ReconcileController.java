package dev.weir.pipeline.reconcile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /reconcile/{dataset}}: {@code weir reconcile <dataset>}. */
@RestController
@RequestMapping(path = "/reconcile", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reconciliation", description = "Counts from source to warehouse, and where they differ")
class ReconcileController {

    private final ReconcileService service;

    ReconcileController(ReconcileService service) {
        this.service = service;
    }

    @GetMapping("/{dataset}")
    @Operation(summary = "Count a dataset at every stage and say where any difference is")
    @ApiResponse(responseCode = "200", description = "The counts at every stage and the checks between them")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    Reconciliation reconcile(@PathVariable String dataset) {
        return this.service.reconcile(dataset);
    }

}
