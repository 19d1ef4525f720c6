package dev.weir.retail.stockcode;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** A catalogue entry as clients see it. */
@Schema(name = "StockCode")
record StockCodeResponse(@Schema(example = "85123A") String stockCode,
        @Schema(example = "WHITE HANGING HEART T-LIGHT HOLDER") String description,
        @Schema(example = "2.55") BigDecimal unitPrice, StockCodeKind kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
                description = "A longer description, given when the code was created as a product (`POST /products`); absent otherwise") String details) {

    static StockCodeResponse of(StockCode code) {
        return new StockCodeResponse(code.stockCode(), code.description(), code.unitPrice(), code.kind(),
                code.details());
    }

    @Schema(name = "StockCodePage")
    record Page(List<StockCodeResponse> items, @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
            description = "The next page, absent on the last page") String next) {
    }

}
