package dev.weir.retail.importer;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import dev.weir.retail.identifier.CustomerIds;
import dev.weir.retail.identifier.InvoiceNumbers;
import dev.weir.retail.identifier.StockCodes;
import dev.weir.retail.invoice.InvoiceKind;
import dev.weir.retail.stockcode.StockCodeKind;

/**
 * What a file says, normalised: its customers, catalogue entries, invoices and lines,
 * with every rule of {@link ImportRule} applied that needs only the file (the rules that
 * depend on what is stored already are applied when writing).
 */
final class RetailBatch {

    /** A catalogue entry without a price. */
    static final long NO_PRICE = Long.MIN_VALUE;

    final DistinctRows rows;

    final Charset charset;

    /** Description symbols, decoded; "" for an empty description. */
    final String[] descriptions;

    final int customerCount;

    final String[] customerIds;

    final String[] customerCountries;

    final int codeCount;

    final String[] codes;

    final StockCodeKind[] codeKinds;

    /** The code's catalogue description as a description symbol, or -1. */
    final int[] codeDescriptions;

    /** The code's catalogue price in thousandths, or {@link #NO_PRICE}. */
    final long[] codePrices;

    final int invoiceCount;

    final String[] invoiceNos;

    final long[] invoiceDates;

    /** The invoice's customer as a customer index, or -1. */
    final int[] invoiceCustomers;

    final String[] invoiceCountries;

    final InvoiceKind[] invoiceKinds;

    /**
     * For each row of {@link #rows}: its invoice index, stock code index, line number.
     */
    final int[] lineInvoices;

    final int[] lineCodes;

    final int[] lineNumbers;

    final Map<ImportRule, Long> rules = new EnumMap<>(ImportRule.class);

    /** Rule counts by ordinal while normalising (no boxing per row). */
    private final long[] counts = new long[ImportRule.values().length];

    private RetailBatch(DistinctRows rows) {
        this.rows = rows;
        this.charset = rows.charset;
        this.descriptions = rows.symbols[RetailCsv.DESCRIPTION].decodeAll(this.charset);
        int invoiceSymbols = rows.symbols[RetailCsv.INVOICE_NO].size();
        int codeSymbols = rows.symbols[RetailCsv.STOCK_CODE].size();
        int customerSymbols = rows.symbols[RetailCsv.CUSTOMER_ID].size();
        this.customerIds = new String[customerSymbols];
        this.customerCountries = new String[customerSymbols];
        this.codes = new String[codeSymbols];
        this.codeKinds = new StockCodeKind[codeSymbols];
        this.codeDescriptions = new int[codeSymbols];
        this.codePrices = new long[codeSymbols];
        this.invoiceNos = new String[invoiceSymbols];
        this.invoiceDates = new long[invoiceSymbols];
        this.invoiceCustomers = new int[invoiceSymbols];
        this.invoiceCountries = new String[invoiceSymbols];
        this.invoiceKinds = new InvoiceKind[invoiceSymbols];
        this.lineInvoices = new int[rows.count];
        this.lineCodes = new int[rows.count];
        this.lineNumbers = new int[rows.count];
        Canonical canonical = new Canonical(rows);
        this.invoiceCount = canonical.invoiceCount;
        this.codeCount = canonical.codeCount;
        this.customerCount = canonical.customerCount;
        normalise(canonical);
        for (ImportRule rule : ImportRule.values()) {
            this.rules.put(rule, this.counts[rule.ordinal()]);
        }
    }

    static RetailBatch of(DistinctRows rows) {
        return new RetailBatch(rows);
    }

    private void normalise(Canonical canonical) {
        Normalising normalising = new Normalising(canonical);
        for (int row = 0; row < this.rows.count; row++) {
            normalising.row(row);
        }
        normalising.finish();
    }

    /**
     * What normalising keeps while it goes over the rows. A row is one call of
     * {@link #row}, so the JIT compiles it after a few hundred rows; a loop over all rows
     * in one method would run interpreted until on-stack replacement compiled it.
     */
    private final class Normalising {

        private final Canonical canonical;

        private final DistinctRows rows;

        private final String[] countries;

        private final int[] customerCountrySymbol;

        private final boolean[] customerConflict;

        private final int[] invoiceCountrySymbol;

        private final int[] invoiceLines;

        private final boolean[] invoiceDateConflict;

        private final boolean[] invoiceCustomerConflict;

        private final boolean[] codeSeveralDescriptions;

        private final boolean[] codeSeveralPrices;

        Normalising(Canonical canonical) {
            RetailBatch batch = RetailBatch.this;
            this.canonical = canonical;
            this.rows = batch.rows;
            this.countries = this.rows.symbols[RetailCsv.COUNTRY].decodeAll(batch.charset);
            this.customerCountrySymbol = new int[batch.customerCount];
            this.customerConflict = new boolean[batch.customerCount];
            this.invoiceCountrySymbol = new int[batch.invoiceCount];
            this.invoiceLines = new int[batch.invoiceCount];
            this.invoiceDateConflict = new boolean[batch.invoiceCount];
            this.invoiceCustomerConflict = new boolean[batch.invoiceCount];
            this.codeSeveralDescriptions = new boolean[batch.codeCount];
            this.codeSeveralPrices = new boolean[batch.codeCount];
            Arrays.fill(batch.codeDescriptions, 0, batch.codeCount, -1);
            Arrays.fill(batch.codePrices, 0, batch.codeCount, NO_PRICE);
            for (int code = 0; code < batch.codeCount; code++) {
                batch.codeKinds[code] = StockCodeKind.of(batch.codes[code]);
            }
        }

        void row(int row) {
            RetailBatch batch = RetailBatch.this;
            int invoice = this.canonical.invoiceOf[this.rows.value(RetailCsv.INVOICE_NO, row)];
            int code = this.canonical.codeOf[this.rows.value(RetailCsv.STOCK_CODE, row)];
            int customerSymbol = this.rows.value(RetailCsv.CUSTOMER_ID, row);
            int customer = this.canonical.customerOf[customerSymbol];
            int country = this.rows.value(RetailCsv.COUNTRY, row);
            int description = this.rows.value(RetailCsv.DESCRIPTION, row);
            long date = this.rows.dates[this.rows.value(RetailCsv.INVOICE_DATE, row)];
            int quantity = this.rows.quantities[this.rows.value(RetailCsv.QUANTITY, row)];
            long price = this.rows.prices[this.rows.value(RetailCsv.UNIT_PRICE, row)];

            batch.lineInvoices[row] = invoice;
            batch.lineCodes[row] = code;
            batch.lineNumbers[row] = ++this.invoiceLines[invoice];
            if (this.invoiceLines[invoice] == 1) {
                batch.invoiceDates[invoice] = date;
                batch.invoiceCustomers[invoice] = customer;
                batch.invoiceCountries[invoice] = this.countries[country];
                this.invoiceCountrySymbol[invoice] = country;
                batch.invoiceKinds[invoice] = InvoiceKind.of(batch.invoiceNos[invoice]);
            }
            else {
                if (date != batch.invoiceDates[invoice] && !this.invoiceDateConflict[invoice]) {
                    this.invoiceDateConflict[invoice] = true;
                    batch.count(ImportRule.INVOICE_FIRST_DATE);
                }
                if ((customer != batch.invoiceCustomers[invoice] || country != this.invoiceCountrySymbol[invoice])
                        && !this.invoiceCustomerConflict[invoice]) {
                    this.invoiceCustomerConflict[invoice] = true;
                    batch.count(ImportRule.INVOICE_FIRST_CUSTOMER);
                }
            }

            if (customer < 0) {
                batch.count(ImportRule.NO_CUSTOMER);
            }
            else {
                if (this.canonical.customerRewritten[customerSymbol]) {
                    batch.count(ImportRule.CUSTOMER_ID_CANONICAL);
                }
                if (batch.customerCountries[customer] == null) {
                    batch.customerCountries[customer] = this.countries[country];
                    this.customerCountrySymbol[customer] = country;
                }
                else if (country != this.customerCountrySymbol[customer] && !this.customerConflict[customer]) {
                    this.customerConflict[customer] = true;
                    batch.count(ImportRule.CUSTOMER_FIRST_COUNTRY);
                }
            }

            if (this.canonical.codeRewritten[this.rows.value(RetailCsv.STOCK_CODE, row)]) {
                batch.count(ImportRule.STOCK_CODE_CANONICAL);
            }
            StockCodeKind kind = batch.codeKinds[code];
            if (kind != StockCodeKind.PRODUCT) {
                batch.count(ImportRule.NON_PRODUCT_CODE);
            }
            if (!batch.descriptions[description].isEmpty()) {
                int latest = batch.codeDescriptions[code];
                if (latest >= 0 && latest != description) {
                    this.codeSeveralDescriptions[code] = true;
                }
                batch.codeDescriptions[code] = description;
            }
            if (kind == StockCodeKind.PRODUCT && price > 0 && batch.invoiceKinds[invoice] == InvoiceKind.SALE) {
                long latest = batch.codePrices[code];
                if (latest != NO_PRICE && latest != price) {
                    this.codeSeveralPrices[code] = true;
                }
                batch.codePrices[code] = price;
            }
            if (quantity < 0) {
                batch.count(ImportRule.NEGATIVE_QUANTITY);
            }
            if (price == 0) {
                batch.count(ImportRule.ZERO_PRICE);
            }
            else if (price < 0) {
                batch.count(ImportRule.NEGATIVE_PRICE);
            }
        }

        void finish() {
            RetailBatch batch = RetailBatch.this;
            for (int invoice = 0; invoice < batch.invoiceCount; invoice++) {
                if (batch.invoiceKinds[invoice] == InvoiceKind.CANCELLATION) {
                    batch.count(ImportRule.CANCELLATION_INVOICE);
                }
                else if (batch.invoiceKinds[invoice] == InvoiceKind.ADJUSTMENT) {
                    batch.count(ImportRule.ADJUSTMENT_INVOICE);
                }
            }
            for (int code = 0; code < batch.codeCount; code++) {
                if (this.codeSeveralDescriptions[code]) {
                    batch.count(ImportRule.CATALOGUE_LATEST_DESCRIPTION);
                }
                if (this.codeSeveralPrices[code]) {
                    batch.count(ImportRule.CATALOGUE_LATEST_PRICE);
                }
                if (batch.codePrices[code] == NO_PRICE) {
                    batch.count(ImportRule.CATALOGUE_NO_PRICE);
                }
            }
        }

    }

    private void count(ImportRule rule) {
        this.counts[rule.ordinal()]++;
    }

    int lineCount() {
        return this.rows.count;
    }

    int lineQuantity(int line) {
        return this.rows.quantities[this.rows.value(RetailCsv.QUANTITY, line)];
    }

    long linePrice(int line) {
        return this.rows.prices[this.rows.value(RetailCsv.UNIT_PRICE, line)];
    }

    /** The line's own description as a description symbol; its text is "" when empty. */
    int lineDescription(int line) {
        return this.rows.value(RetailCsv.DESCRIPTION, line);
    }

    /**
     * The canonical invoice numbers, stock codes and customer ids of the file's values,
     * each numbered in order of first appearance.
     */
    private final class Canonical {

        final int[] invoiceOf;

        final int invoiceCount;

        final int[] codeOf;

        final boolean[] codeRewritten;

        final int codeCount;

        final int[] customerOf;

        final boolean[] customerRewritten;

        final int customerCount;

        Canonical(DistinctRows rows) {
            Charset charset = RetailBatch.this.charset;
            String[] numbers = rows.symbols[RetailCsv.INVOICE_NO].decodeAll(charset);
            this.invoiceOf = new int[numbers.length];
            Map<String, Integer> invoices = new HashMap<>();
            for (int symbol = 0; symbol < numbers.length; symbol++) {
                this.invoiceOf[symbol] = index(invoices, InvoiceNumbers.canonical(numbers[symbol]),
                        RetailBatch.this.invoiceNos);
            }
            this.invoiceCount = invoices.size();

            String[] codes = rows.symbols[RetailCsv.STOCK_CODE].decodeAll(charset);
            this.codeOf = new int[codes.length];
            this.codeRewritten = new boolean[codes.length];
            Map<String, Integer> canonicalCodes = new HashMap<>();
            for (int symbol = 0; symbol < codes.length; symbol++) {
                String code = StockCodes.canonical(codes[symbol]);
                this.codeOf[symbol] = index(canonicalCodes, code, RetailBatch.this.codes);
                this.codeRewritten[symbol] = !code.equals(codes[symbol]);
            }
            this.codeCount = canonicalCodes.size();

            String[] ids = rows.symbols[RetailCsv.CUSTOMER_ID].decodeAll(charset);
            this.customerOf = new int[ids.length];
            this.customerRewritten = new boolean[ids.length];
            Map<String, Integer> customers = new HashMap<>();
            for (int symbol = 0; symbol < ids.length; symbol++) {
                String id = CustomerIds.canonical(ids[symbol]);
                this.customerOf[symbol] = (id != null) ? index(customers, id, RetailBatch.this.customerIds) : -1;
                this.customerRewritten[symbol] = id != null && !id.equals(ids[symbol]);
            }
            this.customerCount = customers.size();
        }

        /** The index of a canonical value, numbering it (into {@code values}) if new. */
        private static int index(Map<String, Integer> indexes, String value, String[] values) {
            Integer index = indexes.get(value);
            if (index == null) {
                index = indexes.size();
                indexes.put(value, index);
                values[index] = value;
            }
            return index;
        }

    }

}
