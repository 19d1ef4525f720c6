package dev.weir.analytics.system;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query parameters of a keyset-paginated list ({@link Page}), as the client sent
 * them; bound with {@code @ParameterObject}.
 *
 * @param limit the page size
 * @param after the position to continue after: a {@code next} token, read by the list's
 * service ({@link Cursor})
 */
public record Paging(@Parameter(description = "Page size, 1 to 1000 (default 50)") String limit,
        @Parameter(description = "Continue after this position (from `next`)") String after) {

    /**
     * The page size: the default when absent, else between 1 and the largest page.
     * @throws dev.weir.platform.error.WeirException a validation problem naming
     * {@code limit}
     */
    public int size(AnalyticsProperties.Pages pages) {
        return Params.limit(this.limit, pages);
    }

}
