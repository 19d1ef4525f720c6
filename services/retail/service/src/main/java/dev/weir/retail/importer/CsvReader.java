package dev.weir.retail.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads RFC 4180 records from bytes, one pass, no regular expressions and no string per
 * field: callers look at a record's fields by offset, in the read buffer itself for the
 * usual record (no quoted field, within the buffer; its fields are hashed on the way),
 * else unquoted into one reused byte array. Works on bytes because both supported
 * encodings (UTF-8, ISO-8859-1) write {@code , " CR LF} as themselves and never inside
 * another character.
 * <ul>
 * <li>Fields are separated by {@code ,}; records end with LF or CRLF (a CR elsewhere is
 * data).</li>
 * <li>A field starting with {@code "} is quoted: it may hold commas, line breaks and
 * doubled quotes ({@code ""} is one {@code "}), and must be followed by a comma or the
 * end of the record. A {@code "} inside an unquoted field is data.</li>
 * <li>Empty lines are skipped. A record's {@link #line() line} is the line it starts on,
 * counting from 1; line breaks inside quoted fields count.</li>
 * </ul>
 */
final class CsvReader {

    private static final int CHUNK = 1 << 16;

    private final InputStream in;

    private final List<String> columns;

    private final byte[] chunk = new byte[CHUNK];

    private int position;

    private int limit;

    private boolean endOfInput;

    /** The line the next byte is on. */
    private long currentLine = 1;

    private long recordLine;

    private byte[] record = new byte[1024];

    private int length;

    /** The bytes the current record's fields are in: {@link #record}, or the chunk. */
    private byte[] data = this.record;

    private int[] fieldStarts = new int[16];

    private int[] fieldEnds = new int[16];

    /**
     * The fields' {@link #hash(int) hashes}, when the record took the fast path; else
     * {@code hashed} is false.
     */
    private int[] fieldHashes = new int[16];

    private boolean hashed;

    private int fieldCount;

    /**
     * @param columns the expected column names, used to name a column in errors
     */
    CsvReader(InputStream in, List<String> columns) {
        this.in = in;
        this.columns = columns;
    }

    /**
     * Reads the next record; {@code false} at the end of the input.
     * @throws ImportFormatException for a quoted field that is not closed, or is followed
     * by something else than a comma or the end of the record
     */
    boolean next() throws IOException {
        int b = read();
        while (b == '\n' || (b == '\r' && peek() == '\n')) {
            if (b == '\r') {
                read();
            }
            this.currentLine++;
            b = read();
        }
        if (b < 0) {
            return false;
        }
        this.recordLine = this.currentLine;
        if (b != '"' && simpleRecord()) {
            return true;
        }
        this.hashed = false;
        this.length = 0;
        this.fieldCount = 0;
        while (true) {
            if (b == '"') {
                b = readQuoted();
            }
            else {
                b = readUnquoted(b);
            }
            endField();
            if (b == ',') {
                b = read();
                continue;
            }
            if (b == '\n') {
                this.currentLine++;
            }
            this.data = this.record;
            return true;
        }
    }

    /**
     * The fast path, for the usual record: one that ends in the chunk being read and has
     * no quoted field. Its fields are found, and hashed, in one scan, and stay where they
     * are in the chunk. Anything else (a quote opening a field, a CR not before LF, the
     * chunk's end) leaves the record, from its first byte already read, to the general
     * path.
     */
    private boolean simpleRecord() {
        byte[] chunk = this.chunk;
        int start = this.position - 1;
        int fieldStart = start;
        int fields = 0;
        int hash = 0;
        for (int i = start; i < this.limit; i++) {
            byte c = chunk[i];
            if (c == ',' || c == '\n' || c == '\r') {
                int end = i;
                if (c == '\r') {
                    if (i + 1 >= this.limit || chunk[i + 1] != '\n') {
                        return false;
                    }
                    i++;
                }
                if (fields == this.fieldEnds.length) {
                    growFields();
                }
                this.fieldStarts[fields] = fieldStart;
                this.fieldEnds[fields] = end;
                this.fieldHashes[fields] = hash;
                fields++;
                if (c == ',') {
                    if (i + 1 < this.limit && chunk[i + 1] == '"') {
                        return false;
                    }
                    fieldStart = i + 1;
                    hash = 0;
                    continue;
                }
                this.position = i + 1;
                this.currentLine++;
                this.data = chunk;
                this.hashed = true;
                this.fieldCount = fields;
                return true;
            }
            hash = 31 * hash + c;
        }
        return false;
    }

    private void growFields() {
        this.fieldStarts = Arrays.copyOf(this.fieldStarts, this.fieldStarts.length * 2);
        this.fieldEnds = Arrays.copyOf(this.fieldEnds, this.fieldEnds.length * 2);
        this.fieldHashes = Arrays.copyOf(this.fieldHashes, this.fieldHashes.length * 2);
    }

    /** Reads an unquoted field from its first byte; returns the byte that ends it. */
    private int readUnquoted(int first) throws IOException {
        int b = first;
        while (b >= 0 && b != ',' && b != '\n') {
            if (b == '\r') {
                int after = read();
                if (after == '\n' || after < 0) {
                    return after;
                }
                append('\r');
                b = after;
                continue;
            }
            append(b);
            // the rest of the run within the chunk, copied at once
            int from = this.position;
            int to = from;
            byte[] chunk = this.chunk;
            while (to < this.limit) {
                byte c = chunk[to];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                to++;
            }
            append(chunk, from, to);
            this.position = to;
            b = read();
        }
        return b;
    }

    /** Reads a quoted field after its opening quote; returns the byte after it. */
    private int readQuoted() throws IOException {
        long startLine = this.currentLine;
        while (true) {
            int from = this.position;
            int to = from;
            byte[] chunk = this.chunk;
            while (to < this.limit) {
                byte c = chunk[to];
                if (c == '"' || c == '\n') {
                    break;
                }
                to++;
            }
            append(chunk, from, to);
            this.position = to;
            int b = read();
            if (b < 0) {
                throw new ImportFormatException(this.recordLine, columnName(this.fieldCount),
                        "the quoted field opened on line " + startLine + " is never closed");
            }
            if (b == '"') {
                b = read();
                if (b == '"') {
                    append('"');
                    continue;
                }
                if (b == '\r') {
                    int after = read();
                    if (after == '\n' || after < 0) {
                        return after;
                    }
                    b = '\r';
                }
                if (b == ',' || b == '\n' || b < 0) {
                    return b;
                }
                throw new ImportFormatException(this.recordLine, columnName(this.fieldCount),
                        "unexpected " + Printable.quoted(new byte[] { (byte) b }, 0, 1)
                                + " after the closing quote of a quoted field");
            }
            if (b == '\n') {
                this.currentLine++;
            }
            append(b);
        }
    }

    private void append(int b) {
        if (this.length == this.record.length) {
            this.record = Arrays.copyOf(this.record, this.length * 2);
        }
        this.record[this.length++] = (byte) b;
    }

    private void append(byte[] bytes, int from, int to) {
        int size = to - from;
        if (this.length + size > this.record.length) {
            this.record = Arrays.copyOf(this.record, Math.max(this.record.length * 2, this.length + size));
        }
        System.arraycopy(bytes, from, this.record, this.length, size);
        this.length += size;
    }

    private void endField() {
        if (this.fieldCount == this.fieldEnds.length) {
            growFields();
        }
        this.fieldStarts[this.fieldCount] = (this.fieldCount == 0) ? 0 : this.fieldEnds[this.fieldCount - 1];
        this.fieldEnds[this.fieldCount++] = this.length;
    }

    private int read() throws IOException {
        if (this.position == this.limit && !fill()) {
            return -1;
        }
        return this.chunk[this.position++] & 0xff;
    }

    private int peek() throws IOException {
        if (this.position == this.limit && !fill()) {
            return -1;
        }
        return this.chunk[this.position] & 0xff;
    }

    private boolean fill() throws IOException {
        if (this.endOfInput) {
            return false;
        }
        int n = this.in.read(this.chunk, 0, CHUNK);
        while (n == 0) {
            n = this.in.read(this.chunk, 0, CHUNK);
        }
        if (n < 0) {
            this.endOfInput = true;
            return false;
        }
        this.position = 0;
        this.limit = n;
        return true;
    }

    /** The line the current record starts on (1-based). */
    long line() {
        return this.recordLine;
    }

    /** The line the next byte read is on (1-based). */
    long currentLine() {
        return this.currentLine;
    }

    int fieldCount() {
        return this.fieldCount;
    }

    /**
     * The bytes of the current record's fields, unquoted; see
     * {@link #start}/{@link #end}. Valid until the next record is read.
     */
    byte[] bytes() {
        return this.data;
    }

    int start(int field) {
        return this.fieldStarts[field];
    }

    int end(int field) {
        return this.fieldEnds[field];
    }

    /**
     * Whether {@link #hash(int)} is known: the record took the fast path, which hashes
     * its fields while it finds them.
     */
    boolean hashed() {
        return this.hashed;
    }

    /** The field's {@link Symbols#rawHash raw hash}, when {@link #hashed()}. */
    int hash(int field) {
        return this.fieldHashes[field];
    }

    /** A field as text (UTF-8, malformed bytes replaced): for messages and tests. */
    String text(int field) {
        return new String(this.data, start(field), end(field) - start(field), StandardCharsets.UTF_8);
    }

    /** The expected name of a column, or "column N" past the last one. */
    String columnName(int field) {
        return (field < this.columns.size()) ? this.columns.get(field) : "column " + (field + 1);
    }

}
