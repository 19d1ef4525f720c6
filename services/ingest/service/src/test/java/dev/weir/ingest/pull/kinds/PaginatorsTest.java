package dev.weir.ingest.pull.kinds;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.weir.ingest.pull.definition.PaginationConfig;
import dev.weir.ingest.pull.spi.BadPageException;
import dev.weir.ingest.pull.spi.OutgoingRequest;
import dev.weir.ingest.pull.spi.Page;
import dev.weir.ingest.pull.spi.PageState;
import dev.weir.ingest.pull.spi.Paginator;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaginatorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final URI URL = URI.create("https://api.example.com/items");

    @Test
    void pageNumbersFollowTheTotalFromThePageAndStopAfterTheLast() {
        Paginator pages = Paginators
            .of(new PaginationConfig.PageNumber("pageNumber", 1, "pageSize", 50, "$.meta.totalPages"));
        PageState first = pages.first();
        assertThat(query(pages, first)).isEqualTo("pageNumber=1&pageSize=50");

        Optional<PageState> second = pages.next(first, page("{\"meta\": {\"totalPages\": 2}}"), 50);
        assertThat(second).isPresent();
        assertThat(query(pages, second.get())).isEqualTo("pageNumber=2&pageSize=50");
        assertThat(pages.next(second.get(), page("{\"meta\": {\"totalPages\": 2}}"), 50)).isEmpty();
        assertThat(pages.next(first, page("{\"meta\": {\"totalPages\": 0}}"), 0)).as("no pages at all").isEmpty();
        assertThat(pages.afterBadPage(first.with("total_pages", 3)))
            .contains(first.with("total_pages", 3).with("page", 2));
        assertThatThrownBy(() -> pages.next(first, page("{\"meta\": {}}"), 1)).isInstanceOf(BadPageException.class)
            .hasMessageContaining("total_pages $.meta.totalPages found nothing");
    }

    @Test
    void pageNumbersWithoutATotalStopAtTheFirstEmptyPage() {
        Paginator pages = Paginators.of(new PaginationConfig.PageNumber("page", 0, null, 0, null));
        assertThat(pages.next(pages.first(), page("{}"), 10)).contains(PageState.of("page", "1"));
        assertThat(pages.next(pages.first(), page("{}"), 0)).isEmpty();
        assertThat(pages.afterBadPage(pages.first())).as("the end is unknown without a total").isEmpty();
    }

    @Test
    void offsetsAdvanceByTheLimitUntilTheTotalOrAShortPage() {
        Paginator offsets = Paginators.of(new PaginationConfig.Offset("offset", "limit", 100, null));
        assertThat(query(offsets, offsets.first())).isEqualTo("offset=0&limit=100");
        assertThat(offsets.next(offsets.first(), page("{}"), 100)).contains(PageState.of("offset", "100"));
        assertThat(offsets.next(offsets.first(), page("{}"), 99)).isEmpty();

        Paginator total = Paginators.of(new PaginationConfig.Offset("offset", "limit", 100, "$.total"));
        assertThat(total.next(PageState.of("offset", "100"), page("{\"total\": 250}"), 100)).isPresent();
        assertThat(total.next(PageState.of("offset", "200"), page("{\"total\": 250}"), 50)).isEmpty();
    }

    @Test
    void cursorsAreSentBackUntilNoneComesAndARepeatedCursorIsABadPage() {
        Paginator cursors = Paginators.of(new PaginationConfig.Cursor("after", "$.next"));
        assertThat(query(cursors, cursors.first())).isNull();
        PageState second = cursors.next(cursors.first(), page("{\"next\": \"c2\"}"), 1).orElseThrow();
        assertThat(query(cursors, second)).isEqualTo("after=c2");
        assertThat(cursors.next(second, page("{\"next\": null}"), 1)).isEmpty();
        assertThat(cursors.next(second, page("{\"next\": \"\"}"), 1)).isEmpty();
        assertThat(cursors.next(second, page("{}"), 1)).isEmpty();
        assertThatThrownBy(() -> cursors.next(second, page("{\"next\": \"c2\"}"), 1))
            .isInstanceOf(BadPageException.class)
            .hasMessageContaining("did not change");
    }

    @Test
    void nextLinksComeFromTheBodyOrTheLinkHeaderResolvedAgainstThePage() {
        Paginator body = Paginators.of(new PaginationConfig.NextLink(PaginationConfig.LinkSource.BODY, "$.links.next"));
        PageState next = body.next(body.first(), page("{\"links\": {\"next\": \"/items?page=2\"}}"), 1).orElseThrow();
        OutgoingRequest request = new OutgoingRequest(URL);
        body.apply(next, request);
        assertThat(request.uri()).hasToString("https://api.example.com/items?page=2");
        assertThat(body.next(next, page("{\"links\": {\"next\": null}}"), 1)).isEmpty();

        Paginator header = Paginators.of(new PaginationConfig.NextLink(PaginationConfig.LinkSource.HEADER, null));
        HttpHeaders headers = HttpHeaders.of(Map.of("Link", List
            .of("<https://api.example.com/items?page=1>; rel=\"prev\", <https://api.example.com/items?page=3>; rel=\"next last\"")),
                (a, b) -> true);
        assertThat(header.next(header.first(), new Page(URL, 200, headers, JSON.readTree("[]")), 0))
            .contains(PageState.of("next_url", "https://api.example.com/items?page=3"));
        assertThat(header.next(header.first(), page("[]"), 0)).isEmpty();
    }

    private static Page page(String json) {
        return new Page(URL, 200, HttpHeaders.of(Map.of(), (a, b) -> true), JSON.readTree(json));
    }

    private static String query(Paginator paginator, PageState state) {
        OutgoingRequest request = new OutgoingRequest(URL);
        paginator.apply(state, request);
        return request.uri().getRawQuery();
    }

}
