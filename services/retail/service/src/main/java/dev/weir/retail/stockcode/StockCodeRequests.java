package dev.weir.retail.stockcode;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.weir.retail.identifier.TextLimits;
import dev.weir.retail.identifier.StockCodes;
import io.swagger.v3.oas.annotations.media.Schema;

/** What clients send to add or change catalogue entries. */
final class StockCodeRequests {

    private StockCodeRequests() {
    }

    @Schema(name = "CreateStockCodeRequest", description = "A new catalogue entry. Codes are case-insensitive.")
    record Create(
            @Schema(example = "85123A", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(
                    max = StockCodes.MAX_LENGTH) @Pattern(regexp = StockCodes.PATTERN,
                            message = StockCodes.PATTERN_MESSAGE) String stockCode,
            @Schema(example = "WHITE HANGING HEART T-LIGHT HOLDER") @Size(
                    max = TextLimits.DESCRIPTION) String description,
            @Schema(example = "2.55", description = "Catalogue price, at most 3 decimals") @DecimalMin("0") @Digits(
                    integer = 9, fraction = 3) BigDecimal unitPrice,
            @Schema(description = "Defaults from the code: `POST` is postage, `M` manual, ... else product") StockCodeKind kind) {
    }

    @Schema(name = "ReplaceStockCodeRequest",
            description = "The entry's new state. `stock_code`, if given, must match the path.")
    record Replace(@Schema(example = "85123A") String stockCode,
            @Schema(example = "WHITE HANGING HEART T-LIGHT HOLDER") @Size(
                    max = TextLimits.DESCRIPTION) String description,
            @Schema(example = "2.95") @DecimalMin("0") @Digits(integer = 9, fraction = 3) BigDecimal unitPrice,
            @Schema(description = "Kept as it is when absent") StockCodeKind kind) {
    }

}
