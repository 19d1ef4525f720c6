package dev.weir.platform.web;

import java.math.BigDecimal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;

/**
 * What a service's OpenAPI document says of its {@code limit} query parameters: a whole
 * number from 1 to the largest page, the default page size when absent — from the
 * service's settings, which annotations cannot read.
 */
public final class PageSizes {

    private PageSizes() {
    }

    /** Describes every {@code limit} query parameter of {@code openApi}. */
    public static void describe(OpenAPI openApi, int defaultSize, int maxSize) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
            .values()
            .forEach((path) -> path.readOperations()
                .stream()
                .filter((operation) -> operation.getParameters() != null)
                .flatMap((operation) -> operation.getParameters().stream())
                .filter((parameter) -> "query".equals(parameter.getIn()) && "limit".equals(parameter.getName()))
                .forEach((limit) -> limit.setSchema(new IntegerSchema().minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(maxSize))
                    ._default(defaultSize))));
    }

}
