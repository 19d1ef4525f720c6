package dev.weir.retail.importer;

/**
 * The database refused or lost the import (connection lost, constraint violated,
 * deadlock, ...). The transaction was rolled back: nothing was stored.
 */
public final class ImportFailedException extends RuntimeException {

    ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }

}
