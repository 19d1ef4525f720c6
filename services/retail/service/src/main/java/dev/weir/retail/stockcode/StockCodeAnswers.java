package dev.weir.retail.stockcode;

import java.util.Optional;

import dev.weir.platform.web.spi.FastGetRoute;
import dev.weir.retail.system.Versions;

/**
 * What every transport answers for a catalogue entry, made only here: its ETag and its
 * view, for the controller and the fast route alike, and its {@code retail.v1} message
 * for the gRPC endpoint.
 */
final class StockCodeAnswers {

    private StockCodeAnswers() {
    }

    static String etag(StockCode code) {
        return Versions.etag(code.version());
    }

    /** The entry as REST shows it, with its ETag. */
    static FastGetRoute.Found<StockCodeResponse> found(StockCode code) {
        return new FastGetRoute.Found<>(etag(code), StockCodeResponse.of(code));
    }

    /** The entry as the products API shows it, with the same ETag. */
    static FastGetRoute.Found<ProductResponse> product(StockCode code) {
        return new FastGetRoute.Found<>(etag(code), ProductResponse.of(code));
    }

    /** The entry found, or the problem the service reports when there is none. */
    static FastGetRoute.Answer of(Optional<StockCode> code, String stockCode) {
        return code.<FastGetRoute.Answer>map(StockCodeAnswers::found)
            .orElseGet(() -> new FastGetRoute.Missing(StockCodeService.notFound(stockCode)));
    }

    /** The entry as gRPC shows it, with the same ETag. */
    static dev.weir.retail.api.v1.StockCode message(StockCode code) {
        var message = dev.weir.retail.api.v1.StockCode.newBuilder()
            .setStockCode(code.stockCode())
            .setKind(kind(code.kind()))
            .setEtag(etag(code));
        if (code.description() != null) {
            message.setDescription(code.description());
        }
        if (code.unitPrice() != null) {
            message.setUnitPrice(code.unitPrice().toPlainString());
        }
        return message.build();
    }

    static dev.weir.retail.api.v1.StockCodeKind kind(StockCodeKind kind) {
        return switch (kind) {
            case PRODUCT -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_PRODUCT;
            case POSTAGE -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_POSTAGE;
            case CARRIAGE -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_CARRIAGE;
            case DISCOUNT -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_DISCOUNT;
            case MANUAL -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_MANUAL;
            case BANK_CHARGES -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_BANK_CHARGES;
            case FEE -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_FEE;
            case SAMPLE -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_SAMPLE;
            case ADJUSTMENT -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_ADJUSTMENT;
            case GIFT_VOUCHER -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_GIFT_VOUCHER;
            case COMMISSION -> dev.weir.retail.api.v1.StockCodeKind.STOCK_CODE_KIND_COMMISSION;
        };
    }

}
