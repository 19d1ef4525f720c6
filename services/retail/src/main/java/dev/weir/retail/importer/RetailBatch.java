package dev.weir.retail.importer;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import dev.weir.retail.customer.CustomerIds;
import dev.weir.retail.invoice.InvoiceKind;
import dev.weir.retail.invoice.InvoiceService;
import dev.weir.retail.stockcode.StockCodeKind;
import dev.weir.retail.stockcode.StockCodes;

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
        DistinctRows rows = this.rows;
        String[] countries = rows.symbols[RetailCsv.COUNTRY].decodeAll(this.charset);
        int[] customerCountrySymbol = new int[this.customerCount];
        boolean[] customerConflict = new boolean[this.customerCount];
        int[] invoiceCountrySymbol = new int[this.invoiceCount];
        int[] invoiceLines = new int[this.invoiceCount];
        boolean[] invoiceDateConflict = new boolean[this.invoiceCount];
        boolean[] invoiceCustomerConflict = new boolean[this.invoiceCount];
        boolean[] codeSeveralDescriptions = new boolean[this.codeCount];
        boolean[] codeSeveralPrices = new boolean[this.codeCount];
        Arrays.fill(this.codeDescriptions, 0, this.codeCount, -1);
        Arrays.fill(this.codePrices, 0, this.codeCount, NO_PRICE);
        for (int code = 0; code < this.codeCount; code++) {
            this.codeKinds[code] = StockCodeKind.of(this.codes[code]);
        }
        for (int row = 0; row < rows.count; row++) {
            int invoice = canonical.invoiceOf[rows.value(RetailCsv.INVOICE_NO, row)];
            int code = canonical.codeOf[rows.value(RetailCsv.STOCK_CODE, row)];
            int customerSymbol = rows.value(RetailCsv.CUSTOMER_ID, row);
            int customer = canonical.customerOf[customerSymbol];
            int country = rows.value(RetailCsv.COUNTRY, row);
            int description = rows.value(RetailCsv.DESCRIPTION, row);
            long date = rows.dates[rows.value(RetailCsv.INVOICE_DATE, row)];
            int quantity = rows.quantities[rows.value(RetailCsv.QUANTITY, row)];
            long price = rows.prices[rows.value(RetailCsv.UNIT_PRICE, row)];

            this.lineInvoices[row] = invoice;
            this.lineCodes[row] = code;
            this.lineNumbers[row] = ++invoiceLines[invoice];
            if (invoiceLines[invoice] == 1) {
                this.invoiceDates[invoice] = date;
                this.invoiceCustomers[invoice] = customer;
                this.invoiceCountries[invoice] = countries[country];
                invoiceCountrySymbol[invoice] = country;
                this.invoiceKinds[invoice] = InvoiceKind.of(this.invoiceNos[invoice]);
            }
            else {
                if (date != this.invoiceDates[invoice] && !invoiceDateConflict[invoice]) {
                    invoiceDateConflict[invoice] = true;
                    count(ImportRule.INVOICE_FIRST_DATE);
                }
                if ((customer != this.invoiceCustomers[invoice] || country != invoiceCountrySymbol[invoice])
                        && !invoiceCustomerConflict[invoice]) {
                    invoiceCustomerConflict[invoice] = true;
                    count(ImportRule.INVOICE_FIRST_CUSTOMER);
                }
            }

            if (customer < 0) {
                count(ImportRule.NO_CUSTOMER);
            }
            else {
                if (canonical.customerRewritten[customerSymbol]) {
                    count(ImportRule.CUSTOMER_ID_CANONICAL);
                }
                if (this.customerCountries[customer] == null) {
                    this.customerCountries[customer] = countries[country];
                    customerCountrySymbol[customer] = country;
                }
                else if (country != customerCountrySymbol[customer] && !customerConflict[customer]) {
                    customerConflict[customer] = true;
                    count(ImportRule.CUSTOMER_FIRST_COUNTRY);
                }
            }

            if (canonical.codeRewritten[rows.value(RetailCsv.STOCK_CODE, row)]) {
                count(ImportRule.STOCK_CODE_CANONICAL);
            }
            StockCodeKind kind = this.codeKinds[code];
            if (kind != StockCodeKind.PRODUCT) {
                count(ImportRule.NON_PRODUCT_CODE);
            }
            if (!this.descriptions[description].isEmpty()) {
                int latest = this.codeDescriptions[code];
                if (latest >= 0 && latest != description) {
                    codeSeveralDescriptions[code] = true;
                }
                this.codeDescriptions[code] = description;
            }
            if (kind == StockCodeKind.PRODUCT && price > 0 && this.invoiceKinds[invoice] == InvoiceKind.SALE) {
                long latest = this.codePrices[code];
                if (latest != NO_PRICE && latest != price) {
                    codeSeveralPrices[code] = true;
                }
                this.codePrices[code] = price;
            }
            if (quantity < 0) {
                count(ImportRule.NEGATIVE_QUANTITY);
            }
            if (price == 0) {
                count(ImportRule.ZERO_PRICE);
            }
            else if (price < 0) {
                count(ImportRule.NEGATIVE_PRICE);
            }
        }
        for (int invoice = 0; invoice < this.invoiceCount; invoice++) {
            if (this.invoiceKinds[invoice] == InvoiceKind.CANCELLATION) {
                count(ImportRule.CANCELLATION_INVOICE);
            }
            else if (this.invoiceKinds[invoice] == InvoiceKind.ADJUSTMENT) {
                count(ImportRule.ADJUSTMENT_INVOICE);
            }
        }
        for (int code = 0; code < this.codeCount; code++) {
            if (codeSeveralDescriptions[code]) {
                count(ImportRule.CATALOGUE_LATEST_DESCRIPTION);
            }
            if (codeSeveralPrices[code]) {
                count(ImportRule.CATALOGUE_LATEST_PRICE);
            }
            if (this.codePrices[code] == NO_PRICE) {
                count(ImportRule.CATALOGUE_NO_PRICE);
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
                this.invoiceOf[symbol] = index(invoices, InvoiceService.canonical(numbers[symbol]),
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
