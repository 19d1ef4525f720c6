package dev.weir.retail.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Facts about a UTF-8 UCI file computed the plain way, independently of the importer: one
 * line per row (true of the UCI files, which have no line breaks in fields), duplicates
 * found by comparing whole lines, fields split with a regular expression.
 */
final class OnlineRetailFacts {

    /** A comma followed by an even number of quotes up to the end of the line. */
    private static final Pattern FIELD_SEPARATOR = Pattern.compile(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

    long rows;

    long duplicates;

    long quantity;

    long duplicateQuantity;

    BigDecimal amount = BigDecimal.ZERO;

    BigDecimal duplicateAmount = BigDecimal.ZERO;

    long rowsWithoutCustomer;

    long distinctRowsWithoutCustomer;

    final Set<String> invoices = new HashSet<>();

    final Set<String> customers = new HashSet<>();

    final Set<String> rawStockCodes = new HashSet<>();

    final Set<String> stockCodes = new HashSet<>();

    /**
     * Per stock code (upper case), the price of its last row on a sale invoice with a
     * positive price.
     */
    final Map<String, BigDecimal> latestSalePrice = new HashMap<>();

    /** Per stock code (upper case), the description of its last row with one. */
    final Map<String, String> latestDescription = new HashMap<>();

    /** Per invoice, its distinct rows. */
    final Map<String, Integer> linesPerInvoice = new HashMap<>();

    static OnlineRetailFacts of(Path file) {
        OnlineRetailFacts facts = new OnlineRetailFacts();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            Set<String> seen = new HashSet<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                facts.add(line, !seen.add(line));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return facts;
    }

    private void add(String line, boolean duplicate) {
        List<String> fields = List.of(FIELD_SEPARATOR.split(line, -1));
        if (fields.size() != 8) {
            throw new IllegalStateException("not 8 fields: " + line);
        }
        long quantity = Long.parseLong(fields.get(3));
        BigDecimal amount = new BigDecimal(fields.get(5)).multiply(BigDecimal.valueOf(quantity));
        boolean noCustomer = fields.get(6).isEmpty();
        this.rows++;
        this.quantity += quantity;
        this.amount = this.amount.add(amount);
        if (noCustomer) {
            this.rowsWithoutCustomer++;
        }
        if (duplicate) {
            this.duplicates++;
            this.duplicateQuantity += quantity;
            this.duplicateAmount = this.duplicateAmount.add(amount);
            return;
        }
        if (noCustomer) {
            this.distinctRowsWithoutCustomer++;
        }
        String invoice = fields.get(0).toUpperCase(Locale.ROOT);
        this.invoices.add(invoice);
        this.linesPerInvoice.merge(invoice, 1, Integer::sum);
        if (!noCustomer) {
            this.customers.add(fields.get(6).replaceFirst("\\.0$", ""));
        }
        BigDecimal price = new BigDecimal(fields.get(5));
        if (Character.isDigit(invoice.charAt(0)) && price.signum() > 0) {
            this.latestSalePrice.put(fields.get(1).toUpperCase(Locale.ROOT), price);
        }
        if (!fields.get(2).isEmpty()) {
            this.latestDescription.put(fields.get(1).toUpperCase(Locale.ROOT), unquote(fields.get(2)));
        }
        this.rawStockCodes.add(fields.get(1));
        this.stockCodes.add(fields.get(1).toUpperCase(Locale.ROOT));
    }

    private static String unquote(String field) {
        return field.startsWith("\"") ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
    }

    long distinctRows() {
        return this.rows - this.duplicates;
    }

}
