package dev.weir.retail.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a {@link RetailBatch} into schema {@code retail} on a connection whose
 * transaction the caller owns. Customers, catalogue entries and invoices go in with
 * {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING}, so rows already
 * there are never touched; lines are matched against the stored lines of invoices that
 * existed before, then the new ones are streamed with {@code COPY} straight into
 * {@code invoice_line}: in bulk ({@link BulkMode}) with the table's keys set aside and
 * added back after ({@link InvoiceLineKeys}), else checked line by line as they go in.
 */
final class RetailWriter {

    private static final int COPY_BUFFER = 1 << 16;

    private final Connection connection;

    private final PhaseClock clock;

    private final BulkMode bulkMode;

    private final EarlyHeaders.Sent early;

    /**
     * @param early the customers and invoices written while the file was read
     */
    RetailWriter(Connection connection, PhaseClock clock, BulkMode bulkMode, EarlyHeaders.Sent early) {
        this.connection = connection;
        this.clock = clock;
        this.bulkMode = bulkMode;
        this.early = early;
    }

    /**
     * Writes the batch, starting in the phase "writing customers", which the importer
     * opened when it began waiting for the customers and invoices sent while reading.
     */
    Written write(RetailBatch batch) throws SQLException {
        Written written = new Written();
        written.customersAdded = writeCustomers(batch);
        this.clock.start("writing stock codes");
        byte[][] catalogueDescriptions = writeStockCodes(batch, written);
        this.clock.start("writing invoices");
        Integer[] invoiceOrder = sorted(batch.invoiceCount, batch.invoiceNos);
        boolean[] invoiceExisted = writeInvoices(batch, invoiceOrder, written);
        InvoiceLineKeys keys = null;
        if (bulk(batch, invoiceExisted)) {
            this.clock.start("locking invoice lines");
            keys = InvoiceLineKeys.lock(this.connection, this.bulkMode.lockTimeout());
            written.bulk = true;
        }
        StoredLine[][] stored = storedLines(batch, invoiceExisted);
        this.clock.start("writing invoice lines");
        if (keys != null) {
            keys.drop();
        }
        boolean[] extended = writeLines(batch, invoiceOrder, invoiceExisted, stored, catalogueDescriptions, written);
        if (keys != null) {
            this.clock.start("adding the keys back (checks every line)");
            keys.restore();
        }
        touch(batch, extended, written);
        return written;
    }

    /**
     * Whether to load the lines in bulk ({@link BulkMode}): the lines of the invoices
     * this import created are certainly new; the table's lines are counted only as far as
     * needed to compare.
     */
    private boolean bulk(RetailBatch batch, boolean[] invoiceExisted) throws SQLException {
        long newLines = 0;
        for (int line = 0; line < batch.lineCount(); line++) {
            if (!invoiceExisted[batch.lineInvoices[line]]) {
                newLines++;
            }
        }
        if (!this.bulkMode.pays(newLines, 0)) {
            return false;
        }
        try (PreparedStatement count = this.connection
            .prepareStatement("SELECT count(*) FROM (SELECT FROM retail.invoice_line LIMIT ?) l")) {
            count.setLong(1, newLines + 1);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return this.bulkMode.pays(newLines, rows.getLong(1));
            }
        }
    }

    /** Adds the customers not sent while reading; returns how many are new. */
    private long writeCustomers(RetailBatch batch) throws SQLException {
        Integer[] order = sorted(batch.customerCount, batch.customerIds);
        List<String> ids = new ArrayList<>();
        List<String> countries = new ArrayList<>();
        for (Integer customer : order) {
            if (!this.early.customers().contains(batch.customerIds[customer])) {
                ids.add(batch.customerIds[customer]);
                countries.add(batch.customerCountries[customer]);
            }
        }
        return this.early.customersAdded() + insertCustomers(this.connection, ids, countries);
    }

    /**
     * Inserts customers, keeping those that exist; returns how many it added.
     */
    static long insertCustomers(Connection connection, List<String> ids, List<String> countries) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO retail.customer (customer_id, country)
                SELECT * FROM unnest(?::text[], ?::text[])
                ON CONFLICT DO NOTHING
                """)) {
            insert.setArray(1, texts(connection, ids));
            insert.setArray(2, texts(connection, countries));
            return insert.executeUpdate();
        }
    }

    /**
     * Adds the codes not in the catalogue yet; returns the catalogue's description of
     * every code as COPY text (null when it has none): the stored one for codes that
     * existed (they win), else the file's.
     */
    private byte[][] writeStockCodes(RetailBatch batch, Written written) throws SQLException {
        Integer[] order = sorted(batch.codeCount, batch.codes);
        String[] codes = new String[order.length];
        String[] descriptions = new String[order.length];
        String[] prices = new String[order.length];
        String[] kinds = new String[order.length];
        for (int i = 0; i < order.length; i++) {
            int code = order[i];
            codes[i] = batch.codes[code];
            int description = batch.codeDescriptions[code];
            descriptions[i] = (description >= 0) ? batch.descriptions[description] : null;
            long price = batch.codePrices[code];
            prices[i] = (price != RetailBatch.NO_PRICE) ? RetailValues.formatPrice(price) : null;
            kinds[i] = batch.codeKinds[code].wireName();
        }
        Set<String> added = new HashSet<>();
        try (PreparedStatement insert = this.connection.prepareStatement("""
                INSERT INTO retail.stock_code (stock_code, description, unit_price, kind)
                SELECT * FROM unnest(?::text[], ?::text[], ?::numeric[], ?::text[])
                ON CONFLICT DO NOTHING
                RETURNING stock_code
                """)) {
            insert.setArray(1, texts(codes));
            insert.setArray(2, texts(descriptions));
            insert.setArray(3, texts(prices));
            insert.setArray(4, texts(kinds));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    added.add(rows.getString(1));
                }
            }
        }
        written.stockCodesAdded = added.size();
        Map<String, Integer> indexes = new HashMap<>();
        List<String> existing = new ArrayList<>();
        byte[][] catalogue = new byte[batch.codeCount][];
        for (int code = 0; code < batch.codeCount; code++) {
            if (added.contains(batch.codes[code])) {
                int description = batch.codeDescriptions[code];
                catalogue[code] = (description >= 0) ? copyText(batch.descriptions[description]) : null;
            }
            else {
                indexes.put(batch.codes[code], code);
                existing.add(batch.codes[code]);
            }
        }
        if (!existing.isEmpty()) {
            try (PreparedStatement select = this.connection
                .prepareStatement("SELECT stock_code, description FROM retail.stock_code WHERE stock_code = ANY(?)")) {
                select.setArray(1, texts(existing.toArray(String[]::new)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String description = rows.getString(2);
                        catalogue[indexes.get(rows.getString(1))] = (description != null && !description.isEmpty())
                                ? copyText(description) : null;
                    }
                }
            }
        }
        return catalogue;
    }

    /**
     * Adds the invoices not sent while reading; returns which existed before, by index.
     */
    private boolean[] writeInvoices(RetailBatch batch, Integer[] order, Written written) throws SQLException {
        List<String> numbers = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<String> countries = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Integer invoice : order) {
            if (this.early.invoices().contains(batch.invoiceNos[invoice])) {
                continue;
            }
            numbers.add(batch.invoiceNos[invoice]);
            dates.add(RetailValues.formatDate(batch.invoiceDates[invoice]));
            int customer = batch.invoiceCustomers[invoice];
            customers.add((customer >= 0) ? batch.customerIds[customer] : null);
            countries.add(batch.invoiceCountries[invoice]);
            kinds.add(batch.invoiceKinds[invoice].wireName());
        }
        Set<String> added = insertInvoices(this.connection, numbers, dates, customers, countries, kinds);
        added.addAll(this.early.invoicesAdded());
        written.invoicesAdded = added.size();
        boolean[] existed = new boolean[batch.invoiceCount];
        for (int invoice = 0; invoice < batch.invoiceCount; invoice++) {
            existed[invoice] = !added.contains(batch.invoiceNos[invoice]);
        }
        return existed;
    }

    /**
     * Inserts invoices, keeping those that exist; returns the numbers of those it added.
     */
    static Set<String> insertInvoices(Connection connection, List<String> numbers, List<String> dates,
            List<String> customers, List<String> countries, List<String> kinds) throws SQLException {
        Set<String> added = new HashSet<>();
        if (numbers.isEmpty()) {
            return added;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO retail.invoice (invoice_no, invoice_date, customer_id, country, kind)
                SELECT * FROM unnest(?::text[], ?::timestamp[], ?::text[], ?::text[], ?::text[])
                ON CONFLICT DO NOTHING
                RETURNING invoice_no
                """)) {
            insert.setArray(1, texts(connection, numbers));
            insert.setArray(2, texts(connection, dates));
            insert.setArray(3, texts(connection, customers));
            insert.setArray(4, texts(connection, countries));
            insert.setArray(5, texts(connection, kinds));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    added.add(rows.getString(1));
                }
            }
        }
        return added;
    }

    /**
     * The stored lines of the invoices that existed before, by invoice index and line
     * number; null where there are none. Locks those invoices first ({@code FOR KEY
     * SHARE}, which the API's line additions wait for), so the lines cannot change before
     * the import commits.
     */
    private StoredLine[][] storedLines(RetailBatch batch, boolean[] existed) throws SQLException {
        StoredLine[][] stored = new StoredLine[batch.invoiceCount][];
        Map<String, Integer> indexes = new HashMap<>();
        for (int invoice = 0; invoice < batch.invoiceCount; invoice++) {
            if (existed[invoice]) {
                indexes.put(batch.invoiceNos[invoice], invoice);
            }
        }
        if (indexes.isEmpty()) {
            return stored;
        }
        this.clock.start("reading stored lines");
        String[] numbers = indexes.keySet().stream().sorted().toArray(String[]::new);
        Map<String, Integer> codes = new HashMap<>();
        for (int code = 0; code < batch.codeCount; code++) {
            codes.put(batch.codes[code], code);
        }
        try (PreparedStatement lock = this.connection.prepareStatement(
                "SELECT invoice_no FROM retail.invoice WHERE invoice_no = ANY(?) ORDER BY invoice_no FOR KEY SHARE")) {
            lock.setArray(1, texts(numbers));
            lock.executeQuery().close();
        }
        try (PreparedStatement select = this.connection.prepareStatement("""
                SELECT invoice_no, line_no, stock_code, quantity, unit_price
                FROM retail.invoice_line WHERE invoice_no = ANY(?)
                """)) {
            select.setArray(1, texts(numbers));
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int invoice = indexes.get(rows.getString(1));
                    int lineNo = rows.getInt(2);
                    StoredLine[] lines = stored[invoice];
                    if (lines == null || lines.length <= lineNo) {
                        lines = (lines == null) ? new StoredLine[Math.max(lineNo + 1, 16)]
                                : Arrays.copyOf(lines, Math.max(lineNo + 1, lines.length * 2));
                        stored[invoice] = lines;
                    }
                    BigDecimal price = rows.getBigDecimal(5);
                    lines[lineNo] = new StoredLine(codes.getOrDefault(rows.getString(3), -1), rows.getInt(4),
                            price.movePointRight(3).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
                }
            }
        }
        return stored;
    }

    /**
     * Streams the lines not stored yet into {@code invoice_line}; counts the others as
     * already present or conflicting. Returns the invoices that existed before and got
     * new lines.
     */
    private boolean[] writeLines(RetailBatch batch, Integer[] invoiceOrder, boolean[] invoiceExisted,
            StoredLine[][] stored, byte[][] catalogue, Written written) throws SQLException {
        byte[][] invoiceTexts = new byte[batch.invoiceCount][];
        for (int invoice = 0; invoice < batch.invoiceCount; invoice++) {
            invoiceTexts[invoice] = copyText(batch.invoiceNos[invoice]);
        }
        byte[][] codeTexts = new byte[batch.codeCount][];
        for (int code = 0; code < batch.codeCount; code++) {
            codeTexts[code] = copyText(batch.codes[code]);
        }
        byte[][] descriptionTexts = new byte[batch.descriptions.length][];
        for (int description = 0; description < batch.descriptions.length; description++) {
            String text = batch.descriptions[description];
            descriptionTexts[description] = text.isEmpty() ? null : copyText(text);
        }
        boolean[] extended = new boolean[batch.invoiceCount];
        CopyIn copy = this.connection.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY retail.invoice_line (invoice_no, line_no, stock_code, description, quantity, unit_price)"
                    + " FROM STDIN");
        try {
            CopyBuffer out = new CopyBuffer(copy);
            for (int line : keyOrder(batch, invoiceOrder)) {
                int invoice = batch.lineInvoices[line];
                int lineNo = batch.lineNumbers[line];
                int code = batch.lineCodes[line];
                int quantity = batch.lineQuantity(line);
                long price = batch.linePrice(line);
                StoredLine[] lines = stored[invoice];
                StoredLine existing = (lines != null && lineNo < lines.length) ? lines[lineNo] : null;
                if (existing != null) {
                    if (existing.code() == code && existing.quantity() == quantity && existing.priceMillis() == price) {
                        written.linesAlreadyPresent++;
                    }
                    else {
                        written.linesConflicting++;
                    }
                    continue;
                }
                byte[] description = descriptionTexts[batch.lineDescription(line)];
                if (description == null) {
                    description = catalogue[code];
                    written.count((description != null) ? ImportRule.DESCRIPTION_FROM_CATALOGUE
                            : ImportRule.DESCRIPTION_MISSING);
                }
                out.bytes(invoiceTexts[invoice]).tab().number(lineNo).tab().bytes(codeTexts[code]).tab();
                if (description != null) {
                    out.bytes(description);
                }
                else {
                    out.nullValue();
                }
                out.tab().number(quantity).tab().price(price).newline();
                written.linesStored++;
                extended[invoice] = invoiceExisted[invoice];
            }
            out.flush();
            copy.endCopy();
        }
        finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return extended;
    }

    /**
     * The batch's lines in the order of {@code invoice_line}'s primary key: by invoice
     * number, then line number. Copied in that order, the lines let PostgreSQL build the
     * key's index from rows already sorted and insert into it in order row by row.
     * Invoice numbers compare as Java strings, which is the database's order:
     * {@code invoice_no} is in the "C" collation (migration 4), byte by byte, as
     * {@link String#compareTo} orders ASCII text.
     */
    static int[] keyOrder(RetailBatch batch) {
        return keyOrder(batch, sorted(batch.invoiceCount, batch.invoiceNos));
    }

    /**
     * {@link #keyOrder(RetailBatch)}, given the batch's invoices in number order.
     */
    private static int[] keyOrder(RetailBatch batch, Integer[] invoices) {
        int[] rank = new int[batch.invoiceCount];
        for (int i = 0; i < invoices.length; i++) {
            rank[invoices[i]] = i;
        }
        // counting sort by invoice rank; a line's number grows with its place in the file
        int[] start = new int[batch.invoiceCount + 1];
        for (int line = 0; line < batch.lineCount(); line++) {
            start[rank[batch.lineInvoices[line]] + 1]++;
        }
        for (int i = 0; i < batch.invoiceCount; i++) {
            start[i + 1] += start[i];
        }
        int[] order = new int[batch.lineCount()];
        for (int line = 0; line < batch.lineCount(); line++) {
            order[start[rank[batch.lineInvoices[line]]]++] = line;
        }
        return order;
    }

    /**
     * An invoice's version covers its lines (GET /invoice/{no} shows them), so one that
     * got new lines gets a new version, as the API's line additions do.
     */
    private void touch(RetailBatch batch, boolean[] extended, Written written) throws SQLException {
        List<String> numbers = new ArrayList<>();
        for (int invoice = 0; invoice < batch.invoiceCount; invoice++) {
            if (extended[invoice]) {
                numbers.add(batch.invoiceNos[invoice]);
            }
        }
        written.invoicesExtended = numbers.size();
        if (numbers.isEmpty()) {
            return;
        }
        try (PreparedStatement update = this.connection
            .prepareStatement("UPDATE retail.invoice SET updated_at = clock_timestamp() WHERE invoice_no = ANY(?)")) {
            update.setArray(1, texts(numbers.toArray(String[]::new)));
            update.executeUpdate();
        }
    }

    private Array texts(String[] values) throws SQLException {
        return this.connection.createArrayOf("text", values);
    }

    private static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /**
     * Indexes {@code 0..count-1} in the order of their keys, so concurrent imports lock
     * rows in one order.
     */
    private static Integer[] sorted(int count, String[] keys) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> keys[i]));
        return order;
    }

    /** A value in COPY text format: UTF-8 with backslash, tab, CR and LF escaped. */
    static byte[] copyText(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int escapes = 0;
        for (byte b : utf8) {
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                escapes++;
            }
        }
        if (escapes == 0) {
            return utf8;
        }
        byte[] escaped = new byte[utf8.length + escapes];
        int i = 0;
        for (byte b : utf8) {
            switch (b) {
                case '\\' -> {
                    escaped[i++] = '\\';
                    escaped[i++] = '\\';
                }
                case '\t' -> {
                    escaped[i++] = '\\';
                    escaped[i++] = 't';
                }
                case '\n' -> {
                    escaped[i++] = '\\';
                    escaped[i++] = 'n';
                }
                case '\r' -> {
                    escaped[i++] = '\\';
                    escaped[i++] = 'r';
                }
                default -> escaped[i++] = b;
            }
        }
        return escaped;
    }

    /**
     * A line already in {@code invoice_line}; its stock code as an index of the batch's
     * codes, -1 for a code the file does not have.
     */
    private record StoredLine(int code, int quantity, long priceMillis) {
    }

    /** Collects COPY text and hands it to the server in large writes. */
    private static final class CopyBuffer {

        private final CopyIn copy;

        private final byte[] buffer = new byte[COPY_BUFFER];

        private int length;

        CopyBuffer(CopyIn copy) {
            this.copy = copy;
        }

        CopyBuffer bytes(byte[] value) throws SQLException {
            if (this.length + value.length > this.buffer.length) {
                flush();
                if (value.length > this.buffer.length) {
                    this.copy.writeToCopy(value, 0, value.length);
                    return this;
                }
            }
            System.arraycopy(value, 0, this.buffer, this.length, value.length);
            this.length += value.length;
            return this;
        }

        CopyBuffer tab() throws SQLException {
            return put('\t');
        }

        CopyBuffer newline() throws SQLException {
            return put('\n');
        }

        CopyBuffer nullValue() throws SQLException {
            return put('\\').put('N');
        }

        CopyBuffer number(long value) throws SQLException {
            if (this.length + 20 > this.buffer.length) {
                flush();
            }
            if (value < 0) {
                this.buffer[this.length++] = '-';
                value = -value;
            }
            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10) {
                digits++;
            }
            for (int i = this.length + digits - 1; i >= this.length; i--) {
                this.buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            this.length += digits;
            return this;
        }

        /** Thousandths as {@code 2.550}. */
        CopyBuffer price(long millis) throws SQLException {
            if (millis < 0) {
                put('-');
                millis = -millis;
            }
            number(millis / 1000).put('.');
            long fraction = millis % 1000;
            return put('0' + (int) (fraction / 100)).put('0' + (int) (fraction / 10 % 10))
                .put('0' + (int) (fraction % 10));
        }

        private CopyBuffer put(int b) throws SQLException {
            if (this.length == this.buffer.length) {
                flush();
            }
            this.buffer[this.length++] = (byte) b;
            return this;
        }

        void flush() throws SQLException {
            if (this.length > 0) {
                this.copy.writeToCopy(this.buffer, 0, this.length);
                this.length = 0;
            }
        }

    }

    /** What the writing did, counted. */
    static final class Written {

        long customersAdded;

        long stockCodesAdded;

        long invoicesAdded;

        long invoicesExtended;

        long linesStored;

        long linesAlreadyPresent;

        long linesConflicting;

        /** Whether the lines were loaded in bulk ({@link BulkMode}). */
        boolean bulk;

        final Map<ImportRule, Long> rules = new EnumMap<>(ImportRule.class);

        void count(ImportRule rule) {
            this.rules.merge(rule, 1L, Long::sum);
        }

    }

}
