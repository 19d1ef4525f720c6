package dev.weir.retail.stockcode;

import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Component;

import dev.weir.platform.grpc.RequestValidator;
import dev.weir.retail.api.v1.GetStockCodeRequest;
import dev.weir.retail.api.v1.StockCodeKind;
import dev.weir.retail.api.v1.StockCodesGrpc;
import dev.weir.retail.system.Versions;

/**
 * {@code retail.v1.StockCodes}: the catalogue through the same {@link StockCodeService}.
 */
@Component
class StockCodeGrpcEndpoint extends StockCodesGrpc.StockCodesImplBase {

    private final StockCodeService stockCodes;

    private final RequestValidator validator;

    StockCodeGrpcEndpoint(StockCodeService stockCodes, RequestValidator validator) {
        this.stockCodes = stockCodes;
        this.validator = validator;
    }

    @Override
    public void getStockCode(GetStockCodeRequest request, StreamObserver<dev.weir.retail.api.v1.StockCode> responses) {
        StockCode code = this.stockCodes.get(this.validator.required("stock_code", request.getStockCode()));
        responses.onNext(message(code));
        responses.onCompleted();
    }

    static dev.weir.retail.api.v1.StockCode message(StockCode code) {
        var message = dev.weir.retail.api.v1.StockCode.newBuilder()
            .setStockCode(code.stockCode())
            .setKind(kind(code.kind()))
            .setEtag(Versions.etag(code.version()));
        if (code.description() != null) {
            message.setDescription(code.description());
        }
        if (code.unitPrice() != null) {
            message.setUnitPrice(code.unitPrice().toPlainString());
        }
        return message.build();
    }

    static StockCodeKind kind(dev.weir.retail.stockcode.StockCodeKind kind) {
        return switch (kind) {
            case PRODUCT -> StockCodeKind.STOCK_CODE_KIND_PRODUCT;
            case POSTAGE -> StockCodeKind.STOCK_CODE_KIND_POSTAGE;
            case CARRIAGE -> StockCodeKind.STOCK_CODE_KIND_CARRIAGE;
            case DISCOUNT -> StockCodeKind.STOCK_CODE_KIND_DISCOUNT;
            case MANUAL -> StockCodeKind.STOCK_CODE_KIND_MANUAL;
            case BANK_CHARGES -> StockCodeKind.STOCK_CODE_KIND_BANK_CHARGES;
            case FEE -> StockCodeKind.STOCK_CODE_KIND_FEE;
            case SAMPLE -> StockCodeKind.STOCK_CODE_KIND_SAMPLE;
            case ADJUSTMENT -> StockCodeKind.STOCK_CODE_KIND_ADJUSTMENT;
            case GIFT_VOUCHER -> StockCodeKind.STOCK_CODE_KIND_GIFT_VOUCHER;
            case COMMISSION -> StockCodeKind.STOCK_CODE_KIND_COMMISSION;
        };
    }

}
