package dev.weir.retail.customer;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.web.ConditionalGet;
import dev.weir.retail.identifier.CustomerIds;
import dev.weir.retail.system.Page;
import dev.weir.retail.system.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/customer", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customers", description = "The shop's customers")
class CustomerController {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final CustomerService customers;

    CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a customer")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/customer/{customer_id}"))
    @ApiResponse(responseCode = "409", ref = "AlreadyExists")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<CustomerResponse> create(@Valid @RequestBody CustomerRequests.Create request) {
        var created = CustomerAnswers.found(this.customers.create(request.customerId(), request.country()));
        return ResponseEntity.created(URI.create("/customer/" + created.body().customerId()))
            .eTag(created.etag())
            .body(created.body());
    }

    @GetMapping("/{customer_id}")
    @Operation(summary = "Get a customer",
            description = "Answers 304 when `If-None-Match` carries the current ETag. `17850.0` finds `17850`.")
    @ApiResponse(responseCode = "200", description = "The customer",
            headers = @Header(name = "ETag", description = "The customer's version"))
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ResponseEntity<CustomerResponse> get(@Parameter(example = "17850") @PathVariable("customer_id") String customerId,
            WebRequest request) {
        return ConditionalGet.answer(request, CustomerAnswers.found(this.customers.get(customerId)));
    }

    @GetMapping
    @Operation(summary = "List customers",
            description = "In customer_id order, optionally of one country; follow `next` (also in the `Link` header) for the next page.")
    @ApiResponse(responseCode = "200", description = "A page of customers",
            headers = @Header(name = "Link", description = "`<...>; rel=\"next\"` when there are more"))
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<CustomerPageResponse> list(
            @Parameter(description = "Only customers of this country",
                    example = "Germany") @RequestParam(required = false) String country,
            @Parameter(description = "Continue after this customer_id (from `next`)") @RequestParam(
                    required = false) String after,
            @Parameter(description = "Page size, 1 to 1000 (default 50)") @RequestParam(
                    required = false) Integer limit) {
        Page<Customer> page = this.customers.list(country, after, limit);
        String next = null;
        if (page.nextAfter() != null) {
            next = UriComponentsBuilder.fromPath("/customer")
                .queryParamIfPresent("country", java.util.Optional.ofNullable(country))
                .queryParam("limit", page.items().size())
                .queryParam("after", page.nextAfter())
                .encode()
                .toUriString();
        }
        var body = new CustomerPageResponse(page.items().stream().map(CustomerResponse::of).toList(), next);
        var response = ResponseEntity.ok();
        if (next != null) {
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(body);
    }

    @PutMapping(path = "/{customer_id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a customer's data",
            description = "With `If-Match`, only if the customer is still at that version (else 412).")
    @ApiResponse(responseCode = "200", description = "The changed customer")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "412", ref = "PreconditionFailed")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<CustomerResponse> replace(@PathVariable("customer_id") String customerId,
            @Valid @RequestBody CustomerRequests.Replace request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        requireSameId(customerId, request.customerId());
        return changed(this.customers.changeCountry(customerId, request.country(), Versions.ifMatch(ifMatch)));
    }

    @PatchMapping(path = "/{customer_id}", consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
    @Operation(summary = "Change some of a customer's data (JSON merge patch)",
            description = "RFC 7396 merge patch: fields present are set, absent fields stay. `country` cannot be removed.")
    @ApiResponse(responseCode = "200", description = "The changed customer")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "412", ref = "PreconditionFailed")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<CustomerResponse> patch(@PathVariable("customer_id") String customerId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @io.swagger.v3.oas.annotations.media.Content(
                            schema = @io.swagger.v3.oas.annotations.media.Schema(
                                    implementation = CustomerRequests.Replace.class))) @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (!patch.isObject()) {
            throw WeirException.invalid(FieldError.body("(body)", "must be a JSON object"));
        }
        for (String name : patch.propertyNames()) {
            if (!name.equals("country") && !name.equals("customer_id")) {
                throw WeirException
                    .invalid(FieldError.body(name, "is not a known field (known fields: country, customer_id)"));
            }
        }
        if (patch.has("customer_id")) {
            requireSameId(customerId, patch.get("customer_id").isString() ? patch.get("customer_id").asString() : "");
        }
        String newCountry = null;
        if (patch.has("country")) {
            JsonNode country = patch.get("country");
            if (!country.isString() || country.asString().isBlank() || country.asString().length() > 64) {
                throw WeirException.invalid(FieldError.body("country", country.isNull() ? "cannot be removed"
                        : "must be a non-blank string of at most 64 characters"));
            }
            newCountry = country.asString();
        }
        return changed(this.customers.changeCountry(customerId, newCountry, Versions.ifMatch(ifMatch)));
    }

    @DeleteMapping("/{customer_id}")
    @Operation(summary = "Delete a customer without invoices")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "409", ref = "Conflict", description = "The customer has invoices")
    @ApiResponse(responseCode = "412", ref = "PreconditionFailed")
    ResponseEntity<Void> delete(@PathVariable("customer_id") String customerId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        this.customers.delete(customerId, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<CustomerResponse> changed(Customer customer) {
        var changed = CustomerAnswers.found(customer);
        return ResponseEntity.ok().eTag(changed.etag()).body(changed.body());
    }

    private static void requireSameId(String pathId, String bodyId) {
        if (bodyId != null && !java.util.Objects.equals(CustomerIds.canonical(bodyId), CustomerIds.canonical(pathId))) {
            throw WeirException.invalid(FieldError.body("customer_id",
                    "must match the customer_id in the path ('" + pathId + "'); a customer's id cannot be changed"));
        }
    }

}
