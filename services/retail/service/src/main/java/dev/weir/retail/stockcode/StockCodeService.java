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

    /** How many taken codes a new product's generated code may skip. */
    private static final int MAX_PRODUCT_CODE_CLASHES = 100;

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
        StockCode created = this.stockCodes.insert(canonical, blankToNull(description), unitPrice, effective, null)
            .orElseThrow(() -> WeirException
                .alreadyExists("Stock code exists", "Stock code '" + canonical + "' is already in the catalogue.")
                .with("stock_code", canonical));
        this.events.append(RetailEvent.STOCKCODE_CREATED, canonical, StockCodeResponse.of(created));
        return created;
    }

    /**
     * Adds a product to the catalogue, as the products API does: a stock code of kind
     * {@code product} whose description is the product's name and whose details are its
     * description. Without an id, the code is {@code P} and the next six-digit product
     * number (skipping any taken by an imported code); with one, the id is the code, and
     * a taken code is refused as a duplicate.
     */
    @Transactional
    public StockCode createProduct(String id, String name, String description, BigDecimal price) {
        StockCode created;
        if (id != null) {
            String canonical = StockCodes.canonical(id);
            created = this.stockCodes
                .insert(canonical, name.strip(), price, StockCodeKind.PRODUCT, blankToNull(description))
                .orElseThrow(() -> WeirException
                    .alreadyExists("Product exists", "Stock code '" + canonical + "' is already in the catalogue.")
                    .with("id", canonical)
                    .with("stock_code", canonical));
        }
        else {
            Optional<StockCode> inserted = Optional.empty();
            for (int attempt = 0; inserted.isEmpty() && attempt < MAX_PRODUCT_CODE_CLASHES; attempt++) {
                String code = "P%06d".formatted(this.stockCodes.nextProductNumber());
                inserted = this.stockCodes.insert(code, name.strip(), price, StockCodeKind.PRODUCT,
                        blankToNull(description));
            }
            created = inserted.orElseThrow(() -> new IllegalStateException(
                    "No free product code after " + MAX_PRODUCT_CODE_CLASHES + " numbers"));
        }
        this.events.append(RetailEvent.STOCKCODE_CREATED, created.stockCode(), StockCodeResponse.of(created));
        return created;
    }

    /** A product: a stock code of kind {@code product}. */
    public StockCode product(String id) {
        return find(id).filter((code) -> code.kind() == StockCodeKind.PRODUCT).orElseThrow(() -> productNotFound(id));
    }

    /** A page of products (stock codes of kind {@code product}) in id order. */
    public Page<StockCode> products(String after, Integer limit) {
        return list(null, StockCodeKind.PRODUCT, after, limit);
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

    static WeirException productNotFound(String id) {
        return WeirException.notFound("Product not found", "No product '" + id + "' in the catalogue.")
            .with("id", id)
            .with("stock_code", id);
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

}
