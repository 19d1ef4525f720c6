package dev.weir.edge.client;

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

/** The admin API of OAuth2 clients (scope {@code admin}). */
@RestController
@RequestMapping("/admin/clients")
@Tag(name = "Admin: OAuth2 clients")
class ClientController {

    private final ClientService clients;

    ClientController(ClientService clients) {
        this.clients = clients;
    }

    @PostMapping
    @Operation(summary = "Register a client (client_credentials); its secret is in this answer only")
    @ApiResponse(responseCode = "201", description = "Registered: the client's id and secret, shown this once")
    ResponseEntity<CreatedClient> create(@Valid @RequestBody CreateClientRequest request) {
        CreatedClient created = this.clients.create(request.name(), request.scopes(), request.limit());
        return ResponseEntity.created(URI.create("/admin/clients/" + created.client().clientId())).body(created);
    }

    @GetMapping
    @Operation(summary = "List the clients")
    List<ClientView> list() {
        return this.clients.list();
    }

    @DeleteMapping("/{clientId}")
    @Operation(summary = "Disable a client: it gets no more tokens")
    ResponseEntity<Void> disable(@PathVariable String clientId) {
        this.clients.disable(clientId);
        return ResponseEntity.noContent().build();
    }

    /**
     * @param name what the client is, for people
     * @param scopes what it may be granted
     * @param limit its rate limit ({@code 100/s}, {@code 6000/min}); empty: the default
     */
    record CreateClientRequest(@NotBlank @Size(max = 200) String name, @NotEmpty List<@NotBlank String> scopes,
            String limit) {
    }

}
