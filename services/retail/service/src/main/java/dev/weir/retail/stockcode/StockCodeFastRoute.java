package dev.weir.retail.stockcode;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.springframework.stereotype.Component;

import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.retail.system.Versions;

/**
 * {@code GET /stockcode/{stock_code}} on the fast path: the same answer as
 * {@link StockCodeController#get}.
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
    public CompletionStage<Optional<Found>> find(String stockCode, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> this.stockCodes.find(stockCode)
            .map((code) -> new Found(Versions.etag(code.version()), StockCodeResponse.of(code))), blocking);
    }

}
