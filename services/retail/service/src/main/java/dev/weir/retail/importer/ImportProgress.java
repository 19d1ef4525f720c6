package dev.weir.retail.importer;

/**
 * What an import is doing, for a progress bar. Called from the importing thread, so
 * implementations must return quickly.
 */
public interface ImportProgress {

    /** Reports nothing. */
    ImportProgress NONE = new ImportProgress() {

        @Override
        public void started(long totalBytes) {
        }

        @Override
        public void advanced(long bytesRead, long rowsRead) {
        }

        @Override
        public void phase(String description) {
        }

    };

    /**
     * Reading starts; {@code totalBytes} is the file's size on disk (compressed for
     * gzip).
     */
    void started(long totalBytes);

    /**
     * Bytes of the file on disk consumed so far, and data rows read; at most every 10,000
     * rows, and once when reading ends.
     */
    void advanced(long bytesRead, long rowsRead);

    /** A new phase starts: "reading", "writing invoices", "committing", ... */
    void phase(String description);

}
