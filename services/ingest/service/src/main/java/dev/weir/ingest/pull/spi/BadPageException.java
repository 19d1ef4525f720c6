package dev.weir.ingest.pull.spi;

/**
 * A page that cannot be read: not JSON, or not of the shape the definition expects. The
 * engine sends its raw body to the dataset's dead-letter topic with this message as the
 * reason, then goes on or stops as the connector's {@code on_bad_page} says.
 */
public class BadPageException extends RuntimeException {

    public BadPageException(String reason) {
        super(reason);
    }

    public BadPageException(String reason, Throwable cause) {
        super(reason, cause);
    }

}
