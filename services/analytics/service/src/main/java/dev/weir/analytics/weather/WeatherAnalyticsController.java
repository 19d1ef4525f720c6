package dev.weir.analytics.weather;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.weir.analytics.system.AnalyticsProperties;
import dev.weir.analytics.system.DayRange;
import dev.weir.analytics.system.HttpAnswers;
import dev.weir.analytics.system.Listing;
import dev.weir.analytics.system.Paging;
import dev.weir.analytics.system.Params;
import dev.weir.analytics.system.Range;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping(path = "/weather", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Weather", description = "Open-Meteo hourly weather per configured city (UTC)")
class WeatherAnalyticsController {

    private final WeatherAnalyticsService weather;

    private final AnalyticsProperties properties;

    WeatherAnalyticsController(WeatherAnalyticsService weather, AnalyticsProperties properties) {
        this.weather = weather;
        this.properties = properties;
    }

    @GetMapping("/cities")
    @Operation(summary = "The cities with weather", description = "Each with its first and last hour.")
    @ApiResponse(responseCode = "200", description = "Every city")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    ResponseEntity<WeatherViews.Cities> cities(WebRequest request) {
        return HttpAnswers.respond(request, this.weather.cities());
    }

    @GetMapping("/hourly")
    @Operation(summary = "A city's hourly series",
            description = "Hours in [from, to), in time order; follow `next` for more.")
    @ApiResponse(responseCode = "200", description = "A page of hours")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<Listing<WeatherViews.Hour>> hourly(
            @Parameter(description = "The city", example = "Berlin",
                    required = true) @RequestParam(required = false) String city,
            @Parameter(description = "From this time (ISO-8601 with offset, or a date)",
                    example = "2024-01-01T00:00:00Z") @RequestParam(required = false) String from,
            @Parameter(description = "Up to this time, excluded",
                    example = "2024-01-03") @RequestParam(required = false) String to,
            @ParameterObject Paging page, WebRequest request) {
        String name = Params.required("city", city);
        OffsetDateTime fromTime = Params.instant("from", from);
        OffsetDateTime toTime = Params.instant("to", to);
        Params.range("from", fromTime, "to", toTime);
        int size = page.size(this.properties.pages());
        return HttpAnswers.respondPage(request, this.weather.hours(name, fromTime, toTime, page.after(), size));
    }

    @GetMapping("/daily")
    @Operation(summary = "A city's daily min, max and mean temperature", description = "UTC days.")
    @ApiResponse(responseCode = "200", description = "Each day with data")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2024-01-01")
    @Parameter(name = "to", example = "2024-01-31")
    ResponseEntity<WeatherViews.Days> daily(
            @Parameter(description = "The city", example = "Berlin",
                    required = true) @RequestParam(required = false) String city,
            @ParameterObject DayRange range, WebRequest request) {
        String name = Params.required("city", city);
        Range<LocalDate> days = range.days();
        return HttpAnswers.respond(request, this.weather.days(name, days.from(), days.to()));
    }

}
