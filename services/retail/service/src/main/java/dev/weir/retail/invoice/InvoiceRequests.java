package dev.weir.retail.invoice;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.annotation.JsonDeserialize;

import dev.weir.retail.identifier.InvoiceNumbers;
import io.swagger.v3.oas.annotations.media.Schema;

/** What clients send to create invoices and add lines. */
final class InvoiceRequests {

    private InvoiceRequests() {
    }

    @Schema(name = "CreateInvoiceRequest",
            description = "A new invoice. A number `C` + digits is a cancellation, `A` + digits an adjustment.")
    record Create(@Schema(example = "581588",
            description = "A string, or an integer taken as its digits (`536365` is `\"536365\"`)",
            requiredMode = Schema.RequiredMode.REQUIRED) @JsonDeserialize(
                    using = InvoiceNumberJson.class) @NotBlank @Size(max = InvoiceNumbers.MAX_LENGTH) @Pattern(
                            regexp = InvoiceNumbers.PATTERN, message = InvoiceNumbers.PATTERN_MESSAGE) String invoiceNo,
            @Schema(type = "string", pattern = InvoiceDates.PATTERN, example = "2011-12-09T12:50:00",
                    description = "ISO-8601, the shop's own clock: a date-time (`2011-12-09T12:50:00`); a date "
                            + "(`2011-12-09`), meaning 00:00 that day; or a date-time with an offset "
                            + "(`2011-12-09T12:50:00Z`, `+01:00`), converted to the shop's time zone, Europe/London. "
                            + "Answered as a date-time without offset.",
                    requiredMode = Schema.RequiredMode.REQUIRED) @JsonDeserialize(
                            using = InvoiceDateJson.class) @NotNull LocalDateTime invoiceDate) {
    }

    @Schema(name = "AddInvoiceLineRequest", description = "A stock code to add. The price defaults to the catalogue's.")
    record AddLine(
            @Schema(example = "6", description = "Non-zero; negative on cancellations",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Integer quantity,
            @Schema(example = "2.55") @DecimalMin("-1000000000") @DecimalMax("1000000000") @Digits(integer = 9,
                    fraction = 3) BigDecimal unitPrice) {
    }

}
