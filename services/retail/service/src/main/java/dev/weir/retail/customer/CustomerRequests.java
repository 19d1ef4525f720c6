package dev.weir.retail.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.weir.retail.identifier.TextLimits;
import dev.weir.retail.identifier.CustomerIds;
import io.swagger.v3.oas.annotations.media.Schema;

/** What clients send to create or change customers. */
final class CustomerRequests {

    private CustomerRequests() {
    }

    @Schema(name = "CreateCustomerRequest", description = "A new customer.")
    record Create(
            @Schema(description = "The customer's id. `17850.0` is read as `17850`.", example = "17850",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = CustomerIds.MAX_LENGTH) @Pattern(
                            regexp = CustomerIds.PATTERN, message = CustomerIds.PATTERN_MESSAGE) String customerId,
            @Schema(example = "United Kingdom", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(
                    max = TextLimits.COUNTRY) String country) {
    }

    @Schema(name = "ReplaceCustomerRequest",
            description = "The customer's new state. `customer_id`, if given, must match the path.")
    record Replace(@Schema(example = "17850") String customerId, @Schema(example = "Germany",
            requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = TextLimits.COUNTRY) String country) {
    }

}
