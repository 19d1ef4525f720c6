package dev.weir.retail.importer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.weir.retail.identifier.CustomerIds;
import dev.weir.retail.identifier.InvoiceNumbers;
import dev.weir.retail.invoice.InvoiceKind;

/**
 * Writes a file's customers and invoices while the file is still being read, so that
 * PostgreSQL stores them (a third of its work outside the lines) on its own core while
 * the importer reads, instead of after. A customer's and an invoice's values come from
 * their first row ({@code customer_first_country}, {@code invoice_first_date},
 * {@code invoice_first_customer}), so each is known as soon as that row is read; they are
 * sent in batches, inserted like the rest ({@link RetailWriter#insertCustomers},
 * {@link RetailWriter#insertInvoices}: rows already there win), on a background thread
 * that has the import's connection, inside its transaction, until {@link #finish()}.
 * <p>
 * Only plain ASCII values are sent early: they read the same in UTF-8 and ISO-8859-1, and
 * the file's encoding is known only at its end. At the first value that is not, nothing
 * more is sent; {@link RetailWriter} writes every customer and invoice that was not sent,
 * from the whole file, as it always did. A file refused half way is rolled back with the
 * rest: nothing is stored.
 */
final class EarlyHeaders implements RetailCsv.RowSink, AutoCloseable {

    /** Invoices per batch: the full file's 25,900 go in 13 batches. */
    private static final int BATCH = 2_000;

    private final Connection connection;

    private final ExecutorService writer = Executors
        .newSingleThreadExecutor(Thread.ofPlatform().name("retail-import-early-headers").daemon().factory());

    private final List<Future<?>> batches = new ArrayList<>();

    private boolean stopped;

    /** Canonical customer id by CustomerID symbol; "" for none; null until seen. */
    private String[] customerOf = new String[1024];

    /** Text by Country symbol; null until seen. */
    private String[] countryOf = new String[256];

    private boolean[] invoiceSymbolSeen = new boolean[1024];

    /**
     * The canonical customer ids and invoice numbers sent: written by the background
     * thread, which makes the ids canonical and formats dates so that the reading thread
     * does not; read after {@link #finish()}.
     */
    private final Set<String> customers = new HashSet<>();

    private final Set<String> invoices = new HashSet<>();

    private Pending pending = new Pending();

    /** Written by the background thread, read after {@link #finish()}. */
    private long customersAdded;

    private final Set<String> invoicesAdded = new HashSet<>();

    EarlyHeaders(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void row(int[] ids, long date, Symbols[] symbols) {
        if (this.stopped) {
            return;
        }
        int customerSymbol = ids[RetailCsv.CUSTOMER_ID];
        int invoiceSymbol = ids[RetailCsv.INVOICE_NO];
        boolean newCustomerSymbol = customerSymbol >= this.customerOf.length || this.customerOf[customerSymbol] == null;
        boolean newInvoiceSymbol = invoiceSymbol >= this.invoiceSymbolSeen.length
                || !this.invoiceSymbolSeen[invoiceSymbol];
        if (!newCustomerSymbol && !newInvoiceSymbol) {
            return;
        }
        String customer = customer(customerSymbol, symbols);
        String country = country(ids[RetailCsv.COUNTRY], symbols);
        String number = newInvoiceSymbol ? ascii(symbols[RetailCsv.INVOICE_NO], invoiceSymbol) : null;
        if (customer == null || country == null || (newInvoiceSymbol && number == null)) {
            stop();
            return;
        }
        if (newCustomerSymbol && !customer.isEmpty()) {
            this.pending.customer(customer, country);
        }
        if (newInvoiceSymbol) {
            this.invoiceSymbolSeen = seen(this.invoiceSymbolSeen, invoiceSymbol);
            this.pending.invoice(number, date, customer.isEmpty() ? null : customer, country);
            if (this.pending.invoices.size() >= BATCH) {
                send();
            }
        }
    }

    /**
     * Waits until everything sent is written; the connection is the caller's again.
     * @return what was sent and what of it was new
     */
    Sent finish() throws SQLException {
        send();
        for (Future<?> batch : this.batches) {
            try {
                batch.get();
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof SQLException failure) {
                    throw failure;
                }
                throw new IllegalStateException(ex.getCause());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing customers and invoices", ex);
            }
        }
        close();
        return new Sent(this.customers, this.customersAdded, this.invoices, this.invoicesAdded);
    }

    /**
     * Stops sending and waits for the batch being written, so the caller can roll back on
     * a connection nobody else uses.
     */
    @Override
    public void close() {
        this.stopped = true;
        this.writer.shutdown();
        try {
            this.writer.awaitTermination(1, TimeUnit.MINUTES);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The canonical id of a CustomerID symbol ("" for none), or null when it is not
     * ASCII.
     */
    private String customer(int symbol, Symbols[] symbols) {
        String cached = cached(this.customerOf, symbol);
        if (cached != null) {
            return cached;
        }
        String text = ascii(symbols[RetailCsv.CUSTOMER_ID], symbol);
        if (text == null) {
            return null;
        }
        String id = CustomerIds.canonical(text);
        this.customerOf = cache(this.customerOf, symbol, (id != null) ? id : "");
        return this.customerOf[symbol];
    }

    /** A Country symbol's text, or null when it is not ASCII. */
    private String country(int symbol, Symbols[] symbols) {
        String cached = cached(this.countryOf, symbol);
        if (cached != null) {
            return cached;
        }
        String text = ascii(symbols[RetailCsv.COUNTRY], symbol);
        this.countryOf = cache(this.countryOf, symbol, text);
        return text;
    }

    /** What a cache by symbol holds for {@code symbol}; null when nothing yet. */
    private static String cached(String[] cache, int symbol) {
        return (symbol < cache.length) ? cache[symbol] : null;
    }

    /**
     * {@code cache}, grown if it must be to hold {@code symbol}, with {@code value}
     * there.
     */
    private static String[] cache(String[] cache, int symbol, String value) {
        String[] grown = (symbol < cache.length) ? cache : Arrays.copyOf(cache, Math.max(symbol + 1, cache.length * 2));
        grown[symbol] = value;
        return grown;
    }

    private static String ascii(Symbols symbols, int id) {
        return symbols.isAscii(id) ? symbols.decode(id, StandardCharsets.US_ASCII) : null;
    }

    private static boolean[] seen(boolean[] seen, int symbol) {
        boolean[] grown = (symbol < seen.length) ? seen : Arrays.copyOf(seen, Math.max(symbol + 1, seen.length * 2));
        grown[symbol] = true;
        return grown;
    }

    /** Sends what is pending, then nothing more: the rest is left to the writer. */
    private void stop() {
        send();
        this.stopped = true;
    }

    private void send() {
        if (this.pending.isEmpty()) {
            return;
        }
        Pending batch = this.pending;
        this.pending = new Pending();
        this.batches.add(this.writer.submit(() -> {
            List<String[]> customers = firstOfEachCustomer(batch);
            List<String[]> invoices = firstOfEachInvoice(batch);
            // customers first: an invoice's customer must exist
            this.customersAdded += RetailWriter.insertCustomers(this.connection, Pending.column(customers, 0),
                    Pending.column(customers, 1));
            this.invoicesAdded.addAll(RetailWriter.insertInvoices(this.connection, Pending.column(invoices, 0),
                    Pending.column(invoices, 1), Pending.column(invoices, 2), Pending.column(invoices, 3),
                    Pending.column(invoices, 4)));
            return null;
        }));
    }

    /**
     * The batch's customers not sent before (two CustomerID values can be one customer),
     * in key order.
     */
    private List<String[]> firstOfEachCustomer(Pending batch) {
        List<String[]> customers = new ArrayList<>();
        for (String[] customer : batch.customers) {
            if (this.customers.add(customer[0])) {
                customers.add(customer);
            }
        }
        customers.sort(Comparator.comparing((String[] row) -> row[0]));
        return customers;
    }

    /**
     * The batch's invoices not sent before, canonical and formatted as
     * {@link RetailWriter#insertInvoices} takes them, in key order.
     */
    private List<String[]> firstOfEachInvoice(Pending batch) {
        List<String[]> invoices = new ArrayList<>();
        for (RawInvoice raw : batch.invoices) {
            String number = InvoiceNumbers.canonical(raw.number());
            if (this.invoices.add(number)) {
                invoices.add(new String[] { number, RetailValues.formatDate(raw.date()), raw.customer(), raw.country(),
                        InvoiceKind.of(number).wireName() });
            }
        }
        invoices.sort(Comparator.comparing((String[] row) -> row[0]));
        return invoices;
    }

    /**
     * What was sent while reading: the customer ids and invoice numbers (canonical), and
     * which of them were new.
     */
    record Sent(Set<String> customers, long customersAdded, Set<String> invoices, Set<String> invoicesAdded) {
    }

    /**
     * An invoice as its first row has it: the number as in the file, the date as
     * {@code yyyyMMddHHmmss}.
     */
    private record RawInvoice(String number, long date, String customer, String country) {
    }

    /**
     * Customers and invoices waiting to be sent; sent in the order of their keys, as
     * {@link RetailWriter} does, so imports running at once mostly lock rows in one
     * order.
     */
    private static final class Pending {

        final List<String[]> customers = new ArrayList<>();

        final List<RawInvoice> invoices = new ArrayList<>();

        void customer(String id, String country) {
            this.customers.add(new String[] { id, country });
        }

        void invoice(String number, long date, String customer, String country) {
            this.invoices.add(new RawInvoice(number, date, customer, country));
        }

        boolean isEmpty() {
            return this.customers.isEmpty() && this.invoices.isEmpty();
        }

        /** The values of one column, rows in key order. */
        static List<String> column(List<String[]> rows, int column) {
            List<String> values = new ArrayList<>(rows.size());
            for (String[] row : rows) {
                values.add(row[column]);
            }
            return values;
        }

    }

}
