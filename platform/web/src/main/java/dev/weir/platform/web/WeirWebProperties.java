package dev.weir.platform.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Web settings shared by every Weir service ({@code weir.web.*}).
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 * @param service the name this service tags its log lines and problems with
 * @param fastRoutes whether the service's {@link dev.weir.platform.web.spi.FastGetRoute}s
 * answer plain reads in front of the servlet stack (turn off to compare, or to rule them
 * out when debugging)
 */
@ConfigurationProperties("weir.web")
@Validated
public record WeirWebProperties(@DefaultValue("1MB") @NotNull DataSize maxRequestBody,
        @DefaultValue("weir") String service, @DefaultValue("true") boolean fastRoutes) {
}
