package dev.weir.testing.upstreams;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The UK Food Standards Agency's FHRS API v2 ({@code https://api.ratings.food.gov.uk}),
 * served from the real recorded data: {@code GET /Authorities},
 * {@code GET /Establishments?localAuthorityId=&pageNumber=&pageSize=}, {@code GET
 * /Establishments/{id}}, {@code GET /BusinessTypes}, {@code GET /Ratings}.
 *
 * <pre>{@code
 * try (FhrsUpstream fhrs = FhrsUpstream.builder()
 *         .rateLimit(RateLimit.perSecond(20))
 *         .latency(Duration.ofMillis(50))
 *         .pageSize(100)
 *         .start()) {
 *     fhrs.faults().inject(Fault.status(503).times(3));
 *     // point the connector at fhrs.baseUrl() ...
 *     assertThat(fhrs.counters().tooManyRequests()).isZero();
 * }
 * }</pre>
 *
 * Like the real API, every request must carry {@code x-api-version: 2} ({@code 400}
 * otherwise), and paths and parameter names are case-insensitive. A page is cut from the
 * authority's establishments in recorded order: {@code {"establishments": [...], "meta":
 * {...}, "links": [{"rel": "self", "href": ...}]}}, where {@code meta} carries
 * {@code totalCount}, {@code totalPages}, {@code pageSize} and {@code pageNumber}, and,
 * as the real API answers establishment searches, {@code dataSource "Lucene"}, a zero
 * {@code extractDate} and {@code itemCount 0} whatever the page holds. A page past the
 * last one is empty. {@code /BusinessTypes} and {@code /Ratings} are derived from the
 * values in the records (no recorded response exists): their ids and names are not the
 * real API's.
 * <p>
 * The data set is loaded on the first request that needs it (a second or two for the full
 * set) and shared by all upstreams in the JVM; {@link #dataSet()} loads it at once.
 */
public final class FhrsUpstream extends Upstream {

    /**
     * The page size served when a request asks for none or for more: the default
     * {@link Builder#pageSize(int)}.
     */
    public static final int DEFAULT_PAGE_SIZE = 5000;

    private final Supplier<FhrsDataSet> source;

    private final int pageSize;

    private final boolean onlyAuthoritiesWithEstablishments;

    private volatile FhrsApi api;

    private FhrsUpstream(Builder builder) {
        super("FHRS", builder);
        this.source = builder.dataSet;
        this.pageSize = builder.pageSize;
        this.onlyAuthoritiesWithEstablishments = builder.onlyAuthoritiesWithEstablishments;
    }

    /**
     * A builder: the full recorded data set ({@code data/fhrs/json}), no rate limit, no
     * latency, pages of up to 5000.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The data set served, loaded now if it was not yet. */
    public FhrsDataSet dataSet() {
        return api().data();
    }

    private FhrsApi api() {
        FhrsApi current = this.api;
        if (current == null) {
            synchronized (this) {
                current = this.api;
                if (current == null) {
                    current = new FhrsApi(this.source.get(), this.pageSize, this.onlyAuthoritiesWithEstablishments);
                    this.api = current;
                }
            }
        }
        return current;
    }

    @Override
    Answer check(UpstreamRequest request) {
        if (!"2".equals(request.header("x-api-version"))) {
            return Answer.error(400, "The FHRS API needs the header x-api-version: 2");
        }
        return null;
    }

    @Override
    Answer answer(UpstreamRequest request, int changes) {
        return api().answer(request, baseUrl(), changes);
    }

    /** Builds and starts an {@link FhrsUpstream}. */
    public static final class Builder extends Upstream.Builder<Builder, FhrsUpstream> {

        private Supplier<FhrsDataSet> dataSet = FhrsDataSet::full;

        private int pageSize = DEFAULT_PAGE_SIZE;

        private boolean onlyAuthoritiesWithEstablishments;

        private Builder() {
        }

        /** Serves this data set (the full recorded one by default). */
        public Builder dataSet(FhrsDataSet dataSet) {
            Objects.requireNonNull(dataSet);
            this.dataSet = () -> dataSet;
            return this;
        }

        /**
         * Serves the small slice bundled in this jar: no data files needed.
         */
        public Builder slice() {
            this.dataSet = FhrsDataSet::slice;
            return this;
        }

        /**
         * The largest page served: a request without {@code pageSize}, or asking for
         * more, gets pages of this size, and
         * {@code meta.pageSize}/{@code meta.totalPages} say so.
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1");
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Whether {@code GET /Authorities} lists only the authorities that have
         * establishments in the data set (72 in the full set) instead of the 376 recorded
         * ones.
         */
        public Builder onlyAuthoritiesWithEstablishments(boolean only) {
            this.onlyAuthoritiesWithEstablishments = only;
            return this;
        }

        @Override
        FhrsUpstream build() {
            return new FhrsUpstream(this);
        }

    }

}
