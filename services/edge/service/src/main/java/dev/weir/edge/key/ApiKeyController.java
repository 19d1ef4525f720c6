package dev.weir.edge.key;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of API keys (scope {@code admin}). */
@RestController
@RequestMapping("/admin/keys")
@Tag(name = "Admin: API keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(summary = "Create an API key; the key is in this answer only")
    @ApiResponse(responseCode = "201", description = "Created: the key, shown this once")
    ResponseEntity<CreatedApiKey> create(@Valid @RequestBody CreateKeyRequest request) {
        CreatedApiKey created = this.keys.create(request.name(), request.scopes(), request.limit());
        return ResponseEntity.created(URI.create("/admin/keys/" + created.apiKey().id())).body(created);
    }

    @GetMapping
    @Operation(summary = "List the API keys (prefixes, never the keys)")
    List<ApiKeyView> list() {
        return this.keys.list();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        this.keys.revoke(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * @param name what the key is for, for people
     * @param scopes what it grants
     * @param limit its rate limit ({@code 100/s}, {@code 6000/min}); empty: the default
     */
    record CreateKeyRequest(@NotBlank @Size(max = 200) String name, @NotEmpty List<@NotBlank String> scopes,
            String limit) {
    }

}
