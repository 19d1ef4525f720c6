package dev.weir.analytics.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import dev.weir.analytics.system.AnalyticsProperties;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The dashboard page: one HTML page whose script (served from {@code /dashboard/}) draws
 * the API's answers with Apache ECharts, served from its WebJar with the page (no CDN: it
 * works offline).
 */
@Controller
@Hidden
class DashboardController {

    private final String page;

    DashboardController(AnalyticsProperties properties) {
        this.page = read("classpath:/dashboard/index.html").replace("{{echarts}}", echartsPath())
            .replace("{{refreshMs}}", Long.toString(properties.dashboard().refresh().toMillis()));
    }

    @GetMapping(path = "/dashboard", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> dashboard() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(this.page);
    }

    /**
     * The page's files and the API are named relative to {@code /dashboard} (so that the
     * page works wherever it is mounted, at the edge under {@code /analytics}): with a
     * trailing slash they would not resolve, so that address is sent to the page by a
     * relative redirect, the query kept.
     */
    @GetMapping(path = "/dashboard/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Void> dashboardWithSlash(jakarta.servlet.http.HttpServletRequest request) {
        String query = request.getQueryString();
        return ResponseEntity.status(302)
            .header(org.springframework.http.HttpHeaders.LOCATION,
                    "../dashboard" + ((query != null) ? "?" + query : ""))
            .build();
    }

    /**
     * Where the ECharts WebJar serves its script
     * ({@code /webjars/echarts/<version>/...}).
     */
    static String echartsPath() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/resources/webjars/echarts/*/dist/echarts.min.js");
            if (found.length == 0) {
                throw new IllegalStateException(
                        "The ECharts WebJar (org.webjars.npm:echarts) is not on the class path");
            }
            String url = found[0].getURL().toString();
            String resources = "/META-INF/resources";
            return url.substring(url.lastIndexOf(resources) + resources.length());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(String location) {
        try (InputStream in = new PathMatchingResourcePatternResolver().getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
