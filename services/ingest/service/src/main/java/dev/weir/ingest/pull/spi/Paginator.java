package dev.weir.ingest.pull.spi;

import java.util.Optional;

/**
 * How the pages of a stream follow each other. Stateless: the state of a page is a
 * {@link PageState} the engine keeps in its checkpoint, so a restarted run plans its next
 * request from the state of the last page done without that page's body.
 */
public interface Paginator {

    /** The state of the first page. */
    PageState first();

    /**
     * Shapes the request for the page in {@code state}: sets a query parameter, or
     * replaces the URL (a next link).
     */
    void apply(PageState state, OutgoingRequest request);

    /**
     * The state of the page after {@code page}, or empty when {@code page} was the last.
     * @param state the state {@code page} was fetched with
     * @param page the page just read
     * @param records how many records the page had
     * @throws BadPageException when the page does not say what comes next in a way this
     * paginator can read (a cursor that is not text)
     */
    Optional<PageState> next(PageState state, Page page, int records);

    /**
     * The state after a page that could not be read (dead-lettered), or empty when the
     * stream cannot go on without that page's body (a cursor or next link lives in it).
     */
    default Optional<PageState> afterBadPage(PageState state) {
        return Optional.empty();
    }

}
