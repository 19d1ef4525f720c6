package dev.weir.retail.invoice;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import dev.weir.retail.customer.Customer;
import dev.weir.retail.customer.CustomerService;
import dev.weir.retail.identifier.InvoiceNumbers;
import dev.weir.retail.identifier.StockCodes;
import dev.weir.retail.outbox.Outbox;
import dev.weir.retail.outbox.RetailEvent;
import dev.weir.retail.stockcode.StockCode;
import dev.weir.retail.stockcode.StockCodeService;

/** Invoices and their lines. */
@Service
public class InvoiceService {

    /** Invoices read per query when a customer's invoices are streamed. */
    static final int INVOICES_PER_READ = 100;

    private final InvoiceRepository invoices;

    private final CustomerService customers;

    private final StockCodeService stockCodes;

    private final Outbox events;

    InvoiceService(InvoiceRepository invoices, CustomerService customers, StockCodeService stockCodes, Outbox events) {
        this.invoices = invoices;
        this.customers = customers;
        this.stockCodes = stockCodes;
        this.events = events;
    }

    public Invoice get(String invoiceNo) {
        return find(invoiceNo).orElseThrow(() -> notFound(invoiceNo));
    }

    public Optional<Invoice> find(String invoiceNo) {
        return this.invoices.find(InvoiceNumbers.canonical(invoiceNo));
    }

    /**
     * {@link #find}, shared with the lookups of the same moment: completes, on the thread
     * that ran the query, when the invoice has been read. A query this lookup has to
     * start runs on the caller's thread.
     */
    public CompletableFuture<Optional<Invoice>> findLater(String invoiceNo) {
        return findLater(invoiceNo, Runnable::run);
    }

    /**
     * {@link #findLater(String)} for a caller that must not block: a query this lookup
     * has to start runs on {@code executor}.
     */
    public CompletableFuture<Optional<Invoice>> findLater(String invoiceNo, Executor executor) {
        return this.invoices.findLater(InvoiceNumbers.canonical(invoiceNo), executor);
    }

    /**
     * The numbers of a customer's invoices, in order; {@code not-found} if there is no
     * such customer.
     */
    public List<String> numbersOf(String customerId) {
        Customer customer = this.customers.get(customerId);
        return this.invoices.numbersOf(customer.customerId());
    }

    /**
     * A customer's invoices with their lines, in number order; {@code not-found} at once
     * if there is no such customer. The invoices are read as the caller iterates,
     * {@value #INVOICES_PER_READ} per query: a stream to a slow client holds at most that
     * many.
     */
    public Stream<Invoice> invoicesOf(String customerId) {
        List<String> numbers = numbersOf(customerId);
        return IntStream.iterate(0, (from) -> from < numbers.size(), (from) -> from + INVOICES_PER_READ)
            .mapToObj((from) -> numbers.subList(from, Math.min(numbers.size(), from + INVOICES_PER_READ)))
            .flatMap((chunk) -> {
                Map<String, Invoice> found = this.invoices.findAll(chunk);
                // in number order; one deleted since the numbers were read is left out
                return chunk.stream().map(found::get).filter(Objects::nonNull);
            });
    }

    /** Opens an invoice for a customer; its kind follows from the number. */
    @Transactional
    public Invoice create(String customerId, String invoiceNo, LocalDateTime invoiceDate) {
        Customer customer = this.customers.get(customerId);
        String number = InvoiceNumbers.canonical(invoiceNo);
        Invoice created = this.invoices
            .insert(number, invoiceDate, customer.customerId(), customer.country(), InvoiceKind.of(number))
            .orElseThrow(() -> WeirException.alreadyExists("Invoice exists", "Invoice '" + number + "' already exists.")
                .with("invoice_no", number));
        this.events.append(RetailEvent.INVOICE_CREATED, number, InvoiceResponses.InvoiceView.of(created));
        return created;
    }

    /**
     * The lines of an invoice with a stock code, in order; {@code not-found} when the
     * invoice does not exist or has no such line. Invoices made through the API have one
     * line per code; imported history can have several.
     */
    public List<InvoiceLine> lines(String invoiceNo, String stockCode) {
        Invoice invoice = this.invoices.findHeader(InvoiceNumbers.canonical(invoiceNo))
            .orElseThrow(() -> notFound(invoiceNo));
        List<InvoiceLine> lines = this.invoices.linesWithCode(invoice.invoiceNo(), StockCodes.canonical(stockCode));
        if (lines.isEmpty()) {
            throw WeirException
                .notFound("Invoice line not found",
                        "Invoice '" + invoice.invoiceNo() + "' has no line with stock code '" + stockCode + "'.")
                .with("invoice_no", invoice.invoiceNo())
                .with("stock_code", stockCode);
        }
        return lines;
    }

    /**
     * Adds a stock code to an invoice. The line takes the catalogue's description, and
     * its price unless one is given. A code already on the invoice is a conflict; a
     * cancellation takes negative quantities only.
     */
    @Transactional
    public InvoiceLine addLine(String invoiceNo, String stockCode, int quantity, BigDecimal unitPrice) {
        if (quantity == 0) {
            throw WeirException.invalid(FieldError.body("quantity", "must not be zero"));
        }
        Invoice invoice = this.invoices.lockHeader(InvoiceNumbers.canonical(invoiceNo))
            .orElseThrow(() -> notFound(invoiceNo));
        StockCode code = this.stockCodes.find(stockCode).orElseThrow(() -> StockCodeService.notFound(stockCode));
        if (invoice.kind() == InvoiceKind.CANCELLATION && quantity >= 0) {
            throw WeirException.invalid(FieldError.body("quantity",
                    "must be negative on a cancellation invoice ('" + invoice.invoiceNo() + "')"));
        }
        if (!this.invoices.linesWithCode(invoice.invoiceNo(), code.stockCode()).isEmpty()) {
            throw WeirException
                .alreadyExists("Invoice line exists",
                        "Invoice '" + invoice.invoiceNo() + "' already has a line for stock code '" + code.stockCode()
                                + "'.")
                .with("invoice_no", invoice.invoiceNo())
                .with("stock_code", code.stockCode());
        }
        BigDecimal price = (unitPrice != null) ? unitPrice : code.unitPrice();
        if (price == null) {
            throw WeirException.invalid(FieldError.body("unit_price",
                    "is required: stock code '" + code.stockCode() + "' has no catalogue price"));
        }
        InvoiceLine line = this.invoices.insertLine(invoice.invoiceNo(), code.stockCode(), code.description(), quantity,
                price);
        this.invoices.touch(invoice.invoiceNo());
        this.events.append(RetailEvent.INVOICE_LINE_ADDED, line.invoiceNo(), InvoiceResponses.LineOfInvoice.of(line));
        return line;
    }

    static WeirException notFound(String invoiceNo) {
        return WeirException.notFound("Invoice not found", "No invoice '" + invoiceNo + "'.")
            .with("invoice_no", invoiceNo);
    }

}
