package dev.weir.ingest.pull.definition;

/**
 * How the pages of a stream follow each other ({@code paginate.type}).
 */
public sealed interface PaginationConfig {

    /** One request, one page. */
    record None() implements PaginationConfig {
    }

    /**
     * Numbered pages.
     *
     * @param param the page number parameter
     * @param start the first page's number
     * @param sizeParam the page size parameter, or null
     * @param size the page size sent in {@code sizeParam}
     * @param totalPages a JSONPath to the number of pages; without it, the stream stops
     * at the first empty page
     */
    record PageNumber(String param, long start, String sizeParam, int size,
            String totalPages) implements PaginationConfig {
    }

    /**
     * An offset and a limit.
     *
     * @param param the offset parameter
     * @param limitParam the limit parameter
     * @param limit records per page
     * @param total a JSONPath to the total number of records; without it, the stream
     * stops at the first page shorter than the limit
     */
    record Offset(String param, String limitParam, int limit, String total) implements PaginationConfig {
    }

    /**
     * An opaque cursor from each page sent back as a parameter.
     *
     * @param param the cursor parameter
     * @param cursor a JSONPath to the next cursor; the stream stops when it is absent,
     * null or empty
     */
    record Cursor(String param, String cursor) implements PaginationConfig {
    }

    /**
     * The next page's URL, from the body or the {@code Link} header.
     *
     * @param from where the link is
     * @param path a JSONPath to the link (when {@code from} is {@code body}); the stream
     * stops when it is absent, null or empty
     */
    record NextLink(LinkSource from, String path) implements PaginationConfig {
    }

    /** Where a next link is. */
    enum LinkSource {

        /** A JSONPath into the body. */
        BODY,

        /** The {@code Link} header's {@code rel="next"} (RFC 8288). */
        HEADER

    }

}
