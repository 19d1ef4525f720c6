package dev.weir.ingest.lake;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The lake's admin API: what is in it ({@code weir lake ls}). */
@RestController
@RequestMapping(path = "/lake", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Lake", description = "The raw Parquet lake: datasets, partitions, files and rows")
class LakeController {

    private final LakeCatalog lake;

    LakeController(LakeCatalog lake) {
        this.lake = lake;
    }

    @GetMapping
    @Operation(summary = "List the lake's datasets", description = "With their partitions, files and row counts.")
    LakeViews.Lake datasets() {
        return new LakeViews.Lake(this.lake.location(), this.lake.datasets());
    }

    @GetMapping("/datasets")
    @Operation(summary = "List the lake's datasets (the same as GET /lake)")
    LakeViews.Lake list() {
        return datasets();
    }

    @GetMapping("/datasets/{dataset}")
    @Operation(summary = "One dataset's partitions and files")
    LakeViews.Dataset dataset(@PathVariable String dataset) {
        return this.lake.dataset(dataset);
    }

}
