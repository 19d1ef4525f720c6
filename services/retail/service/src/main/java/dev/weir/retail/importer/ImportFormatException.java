package dev.weir.retail.importer;

/**
 * The file is not in a supported format: nothing was stored. The message names the line
 * of the file (1-based, as a text editor shows it, the header being line 1) and the
 * column, and shows the offending value escaped ({@link Printable}).
 */
public final class ImportFormatException extends RuntimeException {

    private final long line;

    private final String column;

    ImportFormatException(long line, String column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** A problem with a line as a whole (the file ends in it, say): no column. */
    ImportFormatException(long line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
        this.column = null;
    }

    /** The line the offending row starts on; the header is line 1. */
    public long line() {
        return this.line;
    }

    /**
     * The name of the offending column, as the header spells it; null for a problem with
     * the line as a whole.
     */
    public String column() {
        return this.column;
    }

}
