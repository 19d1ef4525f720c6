package dev.weir.retail.stockcode;

import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Component;

import dev.weir.platform.grpc.RequestValidator;
import dev.weir.retail.api.v1.GetStockCodeRequest;
import dev.weir.retail.api.v1.StockCodesGrpc;

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
        responses.onNext(StockCodeAnswers.message(code));
        responses.onCompleted();
    }

}
