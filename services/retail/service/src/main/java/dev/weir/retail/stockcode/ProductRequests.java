package dev.weir.retail.stockcode;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.weir.retail.identifier.TextLimits;
import dev.weir.retail.identifier.StockCodes;
import io.swagger.v3.oas.annotations.media.Schema;

/** What clients of the products API send. */
final class ProductRequests {

    private ProductRequests() {
    }

    @Schema(name = "CreateProductRequest",
            description = "A new product: a stock code of kind `product`. Without `id` the service makes one.")
    record Create(@Schema(example = "85123A",
            description = "The stock code to use; when absent the service gives the next `P` + six digits") @Size(
                    max = StockCodes.MAX_LENGTH) @Pattern(regexp = StockCodes.PATTERN,
                            message = StockCodes.PATTERN_MESSAGE) String id,
            @Schema(example = "WHITE HANGING HEART T-LIGHT HOLDER", description = "The stock code's description",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(
                            max = TextLimits.DESCRIPTION) String name,
            @Schema(example = "A white metal holder for one tea light, with a hanging heart.",
                    description = "A longer description (the stock code's `details`)") @Size(
                            max = 2000) String description,
            @Schema(example = "2.55", description = "The catalogue price (`unit_price`), at most 3 decimals",
                    requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @DecimalMin("0") @Digits(integer = 9,
                            fraction = 3) BigDecimal price) {
    }

}
