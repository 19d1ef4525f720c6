package dev.weir.retail.stockcode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.springframework.stereotype.Component;

import dev.weir.platform.web.spi.FastGetRoute;

/**
 * {@code GET /stockcode/{stock_code}} on the fast path: the same answer as
 * {@link StockCodeController#get}, found or missing ({@link StockCodeAnswers}).
 */
@Component
class StockCodeFastRoute implements FastGetRoute {

    private final StockCodeService stockCodes;

    StockCodeFastRoute(StockCodeService stockCodes) {
        this.stockCodes = stockCodes;
    }

    @Override
    public String prefix() {
        return "/stockcode/";
    }

    @Override
    public CompletionStage<Answer> find(String stockCode, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> StockCodeAnswers.of(this.stockCodes.find(stockCode), stockCode),
                blocking);
    }

}
