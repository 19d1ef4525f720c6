package dev.weir.retail.stockcode;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** A product as the products API shows it: a stock code of kind {@code product}. */
@Schema(name = "Product")
record ProductResponse(@Schema(example = "P000001", description = "The stock code") String id,
        @Schema(example = "WHITE HANGING HEART T-LIGHT HOLDER",
                description = "The stock code's description") String name,
        @Schema(example = "A white metal holder for one tea light, with a hanging heart.",
                description = "A longer description; null for imported codes") String description,
        @Schema(example = "2.55",
                description = "The catalogue price (`unit_price`); null when the catalogue has none") BigDecimal price) {

    static ProductResponse of(StockCode code) {
        return new ProductResponse(code.stockCode(), code.description(), code.details(), code.unitPrice());
    }

    @Schema(name = "ProductPage")
    record Page(List<ProductResponse> items, @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
            description = "The next page, absent on the last page") String next) {
    }

}
