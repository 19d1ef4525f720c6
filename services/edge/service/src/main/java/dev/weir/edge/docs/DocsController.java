package dev.weir.edge.docs;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /openapi.json}: every service's operations through the edge, in one document;
 * {@code /docs} shows it (Swagger UI, {@code springdoc.swagger-ui.url}).
 */
@RestController
@Hidden
class DocsController {

    private final MergedOpenApi openApi;

    DocsController(MergedOpenApi openApi) {
        this.openApi = openApi;
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.openApi.document());
    }

}
