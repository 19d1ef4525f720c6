package dev.weir.retail.importer;

/**
 * The file is not in a supported format: nothing was stored. The message names the line
 * (1-based, as a text editor shows it, the header being line 1) and the column.
 */
public final class ImportFormatException extends RuntimeException {

    private final long line;

    private final String column;

    ImportFormatException(long line, String column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** The line the offending row starts on; the header is line 1. */
    public long line() {
        return this.line;
    }

    /** The name of the offending column, as the header spells it. */
    public String column() {
        return this.column;
    }

}
