package dev.weir.retail.stockcode;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.weir.platform.error.WeirException;
import dev.weir.retail.identifier.StockCodes;
import dev.weir.retail.outbox.Outbox;
import dev.weir.retail.outbox.RetailEvent;
import dev.weir.retail.system.Page;
import dev.weir.retail.system.PageLimits;
import dev.weir.retail.system.VersionCondition;

/** The catalogue of stock codes. */
@Service
public class StockCodeService {

    private final StockCodeRepository stockCodes;

    private final PageLimits limits;

    private final Outbox events;

    StockCodeService(StockCodeRepository stockCodes, PageLimits limits, Outbox events) {
        this.stockCodes = stockCodes;
        this.limits = limits;
        this.events = events;
    }

    public StockCode get(String code) {
        return find(code).orElseThrow(() -> notFound(code));
    }

    public Optional<StockCode> find(String code) {
        String canonical = StockCodes.canonical(code);
        return (canonical == null || canonical.isEmpty()) ? Optional.empty() : this.stockCodes.find(canonical);
    }

    /**
     * Adds a code to the catalogue. Without a kind, the kind follows from the code (see
     * {@link StockCodeKind#of}).
     */
    @Transactional
    public StockCode create(String code, String description, BigDecimal unitPrice, StockCodeKind kind) {
        String canonical = StockCodes.canonical(code);
        StockCodeKind effective = (kind != null) ? kind : StockCodeKind.of(canonical);
        StockCode created = this.stockCodes.insert(canonical, blankToNull(description), unitPrice, effective)
            .orElseThrow(() -> WeirException
                .alreadyExists("Stock code exists", "Stock code '" + canonical + "' is already in the catalogue.")
                .with("stock_code", canonical));
        this.events.append(RetailEvent.STOCKCODE_CREATED, canonical, StockCodeResponse.of(created));
        return created;
    }

    /**
     * Replaces a code's description, price and kind if its version matches the condition.
     */
    @Transactional
    public StockCode replace(String code, String description, BigDecimal unitPrice, StockCodeKind kind,
            VersionCondition condition) {
        String canonical = StockCodes.canonical(code);
        StockCode current = this.stockCodes.findForUpdate(canonical).orElseThrow(() -> notFound(code));
        if (!condition.matches(current.version())) {
            throw WeirException
                .preconditionFailed("Stock code '" + canonical + "' has changed since the version in If-Match.")
                .with("stock_code", canonical);
        }
        StockCodeKind effective = (kind != null) ? kind : current.kind();
        StockCode updated = this.stockCodes.update(canonical, blankToNull(description), unitPrice, effective);
        if (!StockCodeResponse.of(updated).equals(StockCodeResponse.of(current))) {
            this.events.append(RetailEvent.STOCKCODE_UPDATED, canonical, StockCodeResponse.of(updated));
        }
        return updated;
    }

    public Page<StockCode> list(String text, StockCodeKind kind, String after, Integer limit) {
        int size = this.limits.resolve(limit);
        String search = (text == null || text.isBlank()) ? null : text.strip();
        return Page.of(this.stockCodes.list(search, kind, StockCodes.canonical(after), size + 1), size,
                StockCode::stockCode);
    }

    public static WeirException notFound(String code) {
        return WeirException.notFound("Stock code not found", "No stock code '" + code + "' in the catalogue.")
            .with("stock_code", code);
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

}
