package dev.weir.edge.auth;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of signing keys (scope {@code admin}). */
@RestController
@RequestMapping("/admin/signing-keys")
@Tag(name = "Admin: signing keys")
class SigningKeyController {

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "The signing keys: published, active, retiring")
    List<SigningKeyView> list() {
        return this.keys.list();
    }

    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a new signing key; it signs once every replica and service can know it")
    SigningKeyView rotate() {
        return this.keys.rotate();
    }

}
