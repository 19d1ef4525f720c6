package dev.weir.ingest.pull.kinds;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;

import dev.weir.ingest.pull.definition.JsonPaths;
import dev.weir.ingest.pull.definition.PaginationConfig;
import dev.weir.ingest.pull.spi.BadPageException;
import dev.weir.ingest.pull.spi.OutgoingRequest;
import dev.weir.ingest.pull.spi.Page;
import dev.weir.ingest.pull.spi.PageState;
import dev.weir.ingest.pull.spi.Paginator;
import tools.jackson.databind.JsonNode;

/** The declarative pagination kinds ({@code paginate.type}). */
public final class Paginators {

    private Paginators() {
    }

    /** The paginator a stream's definition declares. */
    public static Paginator of(PaginationConfig config) {
        return switch (config) {
            case PaginationConfig.None none -> new SinglePage();
            case PaginationConfig.PageNumber pages -> new PageNumbers(pages);
            case PaginationConfig.Offset offset -> new Offsets(offset);
            case PaginationConfig.Cursor cursor -> new Cursors(cursor);
            case PaginationConfig.NextLink link -> new NextLinks(link);
        };
    }

    /** One request, one page. */
    static final class SinglePage implements Paginator {

        @Override
        public PageState first() {
            return PageState.of("page", "1");
        }

        @Override
        public void apply(PageState state, OutgoingRequest request) {
        }

        @Override
        public Optional<PageState> next(PageState state, Page page, int records) {
            return Optional.empty();
        }

    }

    /**
     * Page numbers: the next page until the total from {@code total_pages}, or until an
     * empty page when the upstream gives no total.
     */
    static final class PageNumbers implements Paginator {

        private final PaginationConfig.PageNumber config;

        private final JsonPath totalPages;

        PageNumbers(PaginationConfig.PageNumber config) {
            this.config = config;
            this.totalPages = (config.totalPages() != null) ? JsonPaths.compile(config.totalPages()) : null;
        }

        @Override
        public PageState first() {
            return PageState.of("page", Long.toString(this.config.start()));
        }

        @Override
        public void apply(PageState state, OutgoingRequest request) {
            request.queryParam(this.config.param(), Long.toString(state.number("page")));
            if (this.config.sizeParam() != null) {
                request.queryParam(this.config.sizeParam(), Integer.toString(this.config.size()));
            }
        }

        @Override
        public Optional<PageState> next(PageState state, Page page, int records) {
            long number = state.number("page");
            if (this.totalPages != null) {
                long total = number(this.totalPages, page.body(), "total_pages " + this.config.totalPages());
                long last = this.config.start() + total - 1;
                return (number < last) ? Optional.of(state.with("page", number + 1).with("total_pages", total))
                        : Optional.empty();
            }
            return (records > 0) ? Optional.of(state.with("page", number + 1)) : Optional.empty();
        }

        @Override
        public Optional<PageState> afterBadPage(PageState state) {
            long number = state.number("page");
            Optional<String> total = state.get("total_pages");
            if (total.isPresent() && number < this.config.start() + Long.parseLong(total.get()) - 1) {
                return Optional.of(state.with("page", number + 1));
            }
            // without a total learnt from an earlier page, the end is unknown
            return Optional.empty();
        }

    }

    /**
     * An offset and a limit: the next offset until the total from {@code total}, or until
     * a page shorter than the limit.
     */
    static final class Offsets implements Paginator {

        private final PaginationConfig.Offset config;

        private final JsonPath total;

        Offsets(PaginationConfig.Offset config) {
            this.config = config;
            this.total = (config.total() != null) ? JsonPaths.compile(config.total()) : null;
        }

        @Override
        public PageState first() {
            return PageState.of("offset", "0");
        }

        @Override
        public void apply(PageState state, OutgoingRequest request) {
            request.queryParam(this.config.param(), Long.toString(state.number("offset")));
            request.queryParam(this.config.limitParam(), Integer.toString(this.config.limit()));
        }

        @Override
        public Optional<PageState> next(PageState state, Page page, int records) {
            long nextOffset = state.number("offset") + this.config.limit();
            if (this.total != null) {
                long total = number(this.total, page.body(), "total " + this.config.total());
                return (nextOffset < total) ? Optional.of(state.with("offset", nextOffset).with("total", total))
                        : Optional.empty();
            }
            return (records >= this.config.limit()) ? Optional.of(state.with("offset", nextOffset)) : Optional.empty();
        }

        @Override
        public Optional<PageState> afterBadPage(PageState state) {
            long nextOffset = state.number("offset") + this.config.limit();
            Optional<String> total = state.get("total");
            return (total.isPresent() && nextOffset < Long.parseLong(total.get()))
                    ? Optional.of(state.with("offset", nextOffset)) : Optional.empty();
        }

    }

    /** A cursor from the page sent back as a parameter, until none comes. */
    static final class Cursors implements Paginator {

        private final PaginationConfig.Cursor config;

        private final JsonPath cursor;

        Cursors(PaginationConfig.Cursor config) {
            this.config = config;
            this.cursor = JsonPaths.compile(config.cursor());
        }

        @Override
        public PageState first() {
            return new PageState(java.util.Map.of());
        }

        @Override
        public void apply(PageState state, OutgoingRequest request) {
            state.get("cursor").ifPresent((value) -> request.queryParam(this.config.param(), value));
        }

        @Override
        public Optional<PageState> next(PageState state, Page page, int records) {
            Optional<String> next = text(this.cursor, this.config.cursor(), page.body());
            if (next.isPresent() && next.equals(state.get("cursor"))) {
                throw new BadPageException(
                        "the cursor " + this.config.cursor() + " did not change: the page would repeat");
            }
            return next.map((value) -> state.with("cursor", value));
        }

    }

    /** The next page's URL from the body or the {@code Link} header, until none comes. */
    static final class NextLinks implements Paginator {

        private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^,;]+)*)");

        private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

        private final PaginationConfig.NextLink config;

        private final JsonPath path;

        NextLinks(PaginationConfig.NextLink config) {
            this.config = config;
            this.path = (config.path() != null) ? JsonPaths.compile(config.path()) : null;
        }

        @Override
        public PageState first() {
            return new PageState(java.util.Map.of());
        }

        @Override
        public void apply(PageState state, OutgoingRequest request) {
            state.get("next_url").ifPresent((url) -> request.uri(URI.create(url)));
        }

        @Override
        public Optional<PageState> next(PageState state, Page page, int records) {
            Optional<String> link = (this.config.from() == PaginationConfig.LinkSource.HEADER)
                    ? headerLink(page.headers().allValues("Link")) : text(this.path, this.config.path(), page.body());
            return link.map((href) -> {
                try {
                    String next = page.url().resolve(href.strip()).toString();
                    if (next.equals(page.url().toString())) {
                        throw new BadPageException("the next link points to the page itself: " + next);
                    }
                    return state.with("next_url", next);
                }
                catch (IllegalArgumentException ex) {
                    throw new BadPageException("next link '" + href + "' is not a URL: " + ex.getMessage());
                }
            });
        }

        /** The target of {@code rel="next"} in {@code Link} headers (RFC 8288). */
        static Optional<String> headerLink(List<String> headers) {
            for (String header : headers) {
                Matcher link = LINK.matcher(header);
                while (link.find()) {
                    Matcher rel = REL_NEXT.matcher(link.group(2));
                    while (rel.find()) {
                        for (String relation : rel.group(1).strip().split("\\s+")) {
                            if (relation.equalsIgnoreCase("next")) {
                                return Optional.of(link.group(1));
                            }
                        }
                    }
                }
            }
            return Optional.empty();
        }

    }

    private static long number(JsonPath path, JsonNode body, String option) {
        JsonNode value;
        try {
            value = JsonPaths.read(path, body);
        }
        catch (PathNotFoundException ex) {
            throw new BadPageException(option + " found nothing in the page");
        }
        if (value.isIntegralNumber() || (value.isString() && value.asString().matches("[0-9]{1,18}"))) {
            return value.asLong();
        }
        throw new BadPageException(option + " is not a whole number: " + value);
    }

    /** Text at a path; empty when absent, null or empty (the end of the stream). */
    private static Optional<String> text(JsonPath path, String written, JsonNode body) {
        JsonNode value;
        try {
            value = JsonPaths.read(path, body);
        }
        catch (PathNotFoundException ex) {
            return Optional.empty();
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (value.isArray() && value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new BadPageException(written + " is not text but " + value);
        }
        String text = value.asString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

}
