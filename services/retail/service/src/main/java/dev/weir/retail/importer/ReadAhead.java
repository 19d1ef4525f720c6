package dev.weir.retail.importer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads a file's records on a thread of its own, ahead of the thread that checks them:
 * finding and hashing each record's fields happens here, overlapping the rest (interning,
 * checking, setting aside duplicates). Records come in {@link Batch batches}, in file
 * order, each record's fields copied into the batch with their hashes; the values of
 * columns that need no check (descriptions, the longest) are interned here too, so the
 * two threads share the work about evenly. Batches are handed back ({@link #release}) and
 * reused, so at most {@value #BATCHES} are in memory.
 * <p>
 * The first problem this thread meets (a malformed record, a record with the wrong number
 * of fields, a read error) ends its last batch, after the records before it: the caller
 * checks those first, so it reports the first problem in file order, as one thread did.
 */
final class ReadAhead implements AutoCloseable {

    static final int RECORDS = 4096;

    private static final int BATCHES = 4;

    private static final long WAIT_MILLIS = 10;

    private final CsvReader csv;

    private final int columns;

    private final LongSupplier bytesRead;

    /** The columns this thread interns, by column; null for those it leaves. */
    private final Symbols[] interned;

    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);

    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);

    private volatile boolean closed;

    private final Thread thread;

    /**
     * Starts reading; the reader is this object's until {@link #close()}.
     * @param columns the fields every record must have
     * @param bytesRead how far into the file (on disk) reading is, for progress
     * @param interned by column, the symbols this thread interns that column's values
     * into (see {@link Batch#id}), or null; they are this object's until {@link #close()}
     */
    ReadAhead(CsvReader csv, int columns, LongSupplier bytesRead, Symbols[] interned) {
        this.csv = csv;
        this.columns = columns;
        this.bytesRead = bytesRead;
        this.interned = interned.clone();
        for (int i = 0; i < BATCHES; i++) {
            this.free.add(new Batch(columns));
        }
        this.thread = Thread.ofPlatform().name("retail-import-read-ahead").daemon().start(this::run);
    }

    /**
     * The next batch, in file order. After a batch that is {@link Batch#last last}, there
     * is none.
     */
    Batch next() throws InterruptedIOException {
        try {
            return this.full.take();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading");
        }
    }

    /** Hands a batch back for reuse; its records are no longer valid. */
    void release(Batch batch) {
        this.free.add(batch);
    }

    /** Stops reading, and waits until this object's thread has let go of the reader. */
    @Override
    public void close() {
        this.closed = true;
        boolean interrupted = false;
        while (true) {
            try {
                this.thread.join();
                break;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Batch batch = take();
        if (batch == null) {
            return;
        }
        try {
            while (this.csv.next()) {
                if (this.csv.fieldCount() != this.columns) {
                    int field = Math.min(this.csv.fieldCount(), this.columns);
                    throw new ImportFormatException(this.csv.line(), this.csv.columnName(field),
                            "the row has " + this.csv.fieldCount() + " fields; expected " + this.columns);
                }
                if (!batch.fits(this.csv)) {
                    batch.bytesRead = this.bytesRead.getAsLong();
                    if (!put(batch)) {
                        return;
                    }
                    batch = take();
                    if (batch == null) {
                        return;
                    }
                }
                batch.add(this.csv, this.interned);
            }
        }
        catch (Throwable ex) {
            batch.failure = ex;
        }
        batch.bytesRead = this.bytesRead.getAsLong();
        batch.last = true;
        put(batch);
    }

    /** A free batch, emptied; null once closed. */
    private Batch take() {
        try {
            while (!this.closed) {
                Batch batch = this.free.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (batch != null) {
                    batch.clear();
                    return batch;
                }
            }
        }
        catch (InterruptedException ex) {
            // nobody interrupts this thread but the JVM going down
        }
        return null;
    }

    /** Hands a batch to the reader; false once closed. */
    private boolean put(Batch batch) {
        try {
            while (!this.closed) {
                if (this.full.offer(batch, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        }
        catch (InterruptedException ex) {
            // as in take()
        }
        return false;
    }

    /**
     * Up to {@value ReadAhead#RECORDS} records, each with the same number of fields,
     * their bytes (unquoted) in one array.
     */
    static final class Batch {

        private final int columns;

        private byte[] bytes = new byte[1 << 18];

        private int used;

        private final int[] starts;

        private final int[] ends;

        private final int[] hashes;

        private final int[] ids;

        private final long[] lines = new long[RECORDS];

        private int count;

        private long bytesRead;

        private Throwable failure;

        private boolean last;

        private Batch(int columns) {
            this.columns = columns;
            this.starts = new int[RECORDS * columns];
            this.ends = new int[RECORDS * columns];
            this.hashes = new int[RECORDS * columns];
            this.ids = new int[RECORDS * columns];
        }

        /** The number of records. */
        int count() {
            return this.count;
        }

        /** The bytes the fields are in; see {@link #start} and {@link #end}. */
        byte[] bytes() {
            return this.bytes;
        }

        int start(int record, int column) {
            return this.starts[record * this.columns + column];
        }

        int end(int record, int column) {
            return this.ends[record * this.columns + column];
        }

        /** The field's {@link Symbols#rawHash raw hash}. */
        int hash(int record, int column) {
            return this.hashes[record * this.columns + column];
        }

        /**
         * The field's symbol id, for a column the read-ahead thread interns; undefined
         * for the others.
         */
        int id(int record, int column) {
            return this.ids[record * this.columns + column];
        }

        /** A field as text (UTF-8, malformed bytes replaced): for messages. */
        String text(int record, int column) {
            int from = start(record, column);
            return new String(this.bytes, from, end(record, column) - from, StandardCharsets.UTF_8);
        }

        /** The line the record starts on (1-based). */
        long line(int record) {
            return this.lines[record];
        }

        /** How far into the file (on disk) reading was when the batch was handed over. */
        long bytesRead() {
            return this.bytesRead;
        }

        /** Whether no batch comes after this one. */
        boolean last() {
            return this.last;
        }

        /**
         * Throws what ended reading after this (last) batch's records, if anything did.
         */
        void rethrowFailure() throws IOException {
            if (this.failure == null) {
                return;
            }
            if (this.failure instanceof IOException io) {
                throw io;
            }
            if (this.failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (this.failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(this.failure);
        }

        private void clear() {
            this.used = 0;
            this.count = 0;
            this.failure = null;
            this.last = false;
        }

        /**
         * Whether the reader's record fits in this batch; an empty batch grows to take
         * any.
         */
        private boolean fits(CsvReader csv) {
            if (this.count == 0) {
                return true;
            }
            return this.count < RECORDS && this.used + recordLength(csv) <= this.bytes.length;
        }

        private int recordLength(CsvReader csv) {
            return csv.end(this.columns - 1) - csv.start(0);
        }

        /**
         * Copies the reader's record, and interns the values of the columns this thread
         * interns. Its fields lie one after the other in {@link CsvReader#bytes()}, so
         * they are copied at once.
         */
        private void add(CsvReader csv, Symbols[] interned) {
            int from = csv.start(0);
            int length = recordLength(csv);
            if (this.used + length > this.bytes.length) {
                this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.used + length));
            }
            byte[] data = csv.bytes();
            System.arraycopy(data, from, this.bytes, this.used, length);
            int shift = this.used - from;
            int base = this.count * this.columns;
            boolean hashed = csv.hashed();
            for (int column = 0; column < this.columns; column++) {
                int start = csv.start(column);
                int end = csv.end(column);
                this.starts[base + column] = start + shift;
                this.ends[base + column] = end + shift;
                int hash = hashed ? csv.hash(column) : Symbols.rawHash(data, start, end);
                this.hashes[base + column] = hash;
                if (interned[column] != null) {
                    this.ids[base + column] = interned[column].intern(this.bytes, start + shift, end + shift, hash);
                }
            }
            this.lines[this.count] = csv.line();
            this.used += length;
            this.count++;
        }

    }

}
