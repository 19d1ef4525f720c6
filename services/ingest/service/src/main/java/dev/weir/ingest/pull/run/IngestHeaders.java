package dev.weir.ingest.pull.run;

/**
 * The Kafka headers of every record a connector publishes to {@code weir.raw.<dataset>}
 * and of every dead letter on {@code weir.dlq.<dataset>} (UTF-8 text).
 */
public final class IngestHeaders {

    /** The connector that pulled the record. */
    public static final String CONNECTOR = "weir-connector";

    /** The stream within the connector. */
    public static final String STREAM = "weir-stream";

    /** The run that published it. */
    public static final String RUN_ID = "weir-run-id";

    /** The fingerprint of the request whose page held it. */
    public static final String FINGERPRINT = "weir-fingerprint";

    /** The page's URL, credentials masked. */
    public static final String SOURCE_URL = "weir-source-url";

    /** When the page was fetched (ISO-8601 instant). */
    public static final String FETCHED_AT = "weir-fetched-at";

    /** Dead letters only: why the page or record could not be published. */
    public static final String DLQ_REASON = "weir-dlq-reason";

    /** Dead letters only: the HTTP status of the page. */
    public static final String HTTP_STATUS = "weir-http-status";

    /**
     * Dead letters only: the body's size in bytes, when the value holds only its
     * beginning.
     */
    public static final String TRUNCATED_FROM = "weir-truncated-from";

    private IngestHeaders() {
    }

}
