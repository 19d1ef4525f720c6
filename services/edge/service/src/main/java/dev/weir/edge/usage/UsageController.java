package dev.weir.edge.usage;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of usage (scope {@code admin}). */
@RestController
@Tag(name = "Admin: usage")
class UsageController {

    private final UsageMeter usage;

    UsageController(UsageMeter usage) {
        this.usage = usage;
    }

    @GetMapping("/admin/usage")
    @Operation(summary = "Calls per API key and client: requests, 4xx, 5xx, 429s, bytes")
    List<UsageView> usage() {
        return this.usage.all();
    }

}
