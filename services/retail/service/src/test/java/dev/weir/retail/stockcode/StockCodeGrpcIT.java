package dev.weir.retail.stockcode;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import dev.weir.retail.api.v1.GetStockCodeRequest;
import dev.weir.retail.api.v1.StockCode;
import dev.weir.retail.api.v1.StockCodeKind;
import dev.weir.retail.support.RetailClients;
import dev.weir.retail.support.RetailIT;

import static dev.weir.retail.support.Grpc.errorInfo;
import static dev.weir.retail.support.Grpc.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code retail.v1.StockCodes}. Shares its database with the other Retail API tests:
 * codes GRPC-330xx and GIFT_0330_x are this class's.
 */
@RetailIT
class StockCodeGrpcIT extends RetailClients {

    @Test
    void readsACatalogueEntryWhateverTheCaseOfItsCode() {
        var created = this.http.post("/stockcode",
                "{\"stock_code\": \"GRPC-33001\", \"description\": \"RED RETROSPOT MUG\", \"unit_price\": 2.550}");
        StockCode code = this.grpc.stockCodes()
            .getStockCode(GetStockCodeRequest.newBuilder().setStockCode("grpc-33001").build());
        assertThat(code.getStockCode()).isEqualTo("GRPC-33001");
        assertThat(code.getDescription()).isEqualTo("RED RETROSPOT MUG");
        assertThat(code.getUnitPrice()).isEqualTo("2.55");
        assertThat(code.getKind()).isEqualTo(StockCodeKind.STOCK_CODE_KIND_PRODUCT);
        assertThat(code.getEtag()).isEqualTo(created.header("ETag"));
    }

    @Test
    void leavesOutThePriceOfACodeWithoutOneAndNamesItsKind() {
        this.http.post("/stockcode", "{\"stock_code\": \"GIFT_0330_20\"}");
        StockCode voucher = this.grpc.stockCodes()
            .getStockCode(GetStockCodeRequest.newBuilder().setStockCode("GIFT_0330_20").build());
        assertThat(voucher.getKind()).isEqualTo(StockCodeKind.STOCK_CODE_KIND_GIFT_VOUCHER);
        assertThat(voucher.hasUnitPrice()).isFalse();
        assertThat(voucher.hasDescription()).isFalse();
    }

    @Test
    void answersAnUnknownCodeWithNotFound() {
        StatusRuntimeException missing = failure(() -> this.grpc.stockCodes()
            .getStockCode(GetStockCodeRequest.newBuilder().setStockCode("GRPC-33099").build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(errorInfo(missing).getReason()).isEqualTo("not-found");
        assertThat(errorInfo(missing).getMetadataMap()).containsEntry("stock_code", "GRPC-33099");
    }

}
