package dev.weir.analytics.rides;

import java.time.LocalDate;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.weir.analytics.system.AnalyticsProperties;
import dev.weir.analytics.system.DayRange;
import dev.weir.analytics.system.HttpAnswers;
import dev.weir.analytics.system.Listing;
import dev.weir.analytics.system.Paging;
import dev.weir.analytics.system.Range;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Rides", description = "E-bike trips and the fleet's telemetry (UTC days and hours)")
class RidesAnalyticsController {

    private final RidesAnalyticsService rides;

    private final AnalyticsProperties properties;

    RidesAnalyticsController(RidesAnalyticsService rides, AnalyticsProperties properties) {
        this.rides = rides;
        this.properties = properties;
    }

    @GetMapping(path = "/rides/hourly", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Trips per hour", description = "By the trips' start, each hour with trips.")
    @ApiResponse(responseCode = "200", description = "Each hour with trips, and the total")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2017-07-17")
    @Parameter(name = "to", example = "2017-07-18")
    ResponseEntity<RidesViews.TripsPerHour> hourly(@ParameterObject DayRange range, WebRequest request) {
        Range<LocalDate> days = range.days();
        return HttpAnswers.respond(request, this.rides.hours(days.from(), days.to()));
    }

    @GetMapping(path = "/rides/stations/busiest", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Busiest stations", description = "By trips started and ended there; follow `next`.")
    @ApiResponse(responseCode = "200", description = "A page of the ranking")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2017-07-17")
    @Parameter(name = "to", example = "2017-07-18")
    @Parameter(name = "limit", example = "10")
    ResponseEntity<Listing<RidesViews.Station>> busiest(@ParameterObject DayRange range, @ParameterObject Paging page,
            WebRequest request) {
        Range<LocalDate> days = range.days();
        int size = page.size(this.properties.pages());
        return HttpAnswers.respondPage(request, this.rides.busiest(days.from(), days.to(), page.after(), size));
    }

    @GetMapping(path = "/rides/summary", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Median trip duration and distance", description = "Exact to the second and to 10 m.")
    @ApiResponse(responseCode = "200", description = "Trips, medians and means")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2017-07-17")
    @Parameter(name = "to", example = "2017-07-18")
    ResponseEntity<RidesViews.TripSummary> summary(@ParameterObject DayRange range, WebRequest request) {
        Range<LocalDate> days = range.days();
        return HttpAnswers.respond(request, this.rides.summary(days.from(), days.to()));
    }

    @GetMapping(path = "/fleet/battery", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The fleet's battery health",
            description = "Each vehicle's latest report: battery levels, remaining range, disabled and reserved.")
    @ApiResponse(responseCode = "200", description = "The fleet")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    ResponseEntity<RidesViews.FleetBattery> fleet(WebRequest request) {
        return HttpAnswers.respond(request, this.rides.fleet());
    }

}
