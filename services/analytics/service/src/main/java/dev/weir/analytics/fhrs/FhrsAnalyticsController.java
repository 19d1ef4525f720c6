package dev.weir.analytics.fhrs;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.weir.analytics.system.AnalyticsProperties;
import dev.weir.analytics.system.HttpAnswers;
import dev.weir.analytics.system.Listing;
import dev.weir.analytics.system.Paging;
import dev.weir.analytics.system.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping(path = "/fhrs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Food hygiene", description = "Ratings of the UK Food Hygiene Rating Scheme")
class FhrsAnalyticsController {

    /** The largest radius of a search near a point. */
    static final double MAX_RADIUS_M = 50_000;

    private final FhrsAnalyticsService fhrs;

    private final AnalyticsProperties properties;

    FhrsAnalyticsController(FhrsAnalyticsService fhrs, AnalyticsProperties properties) {
        this.fhrs = fhrs;
        this.properties = properties;
    }

    @GetMapping("/ratings/authorities")
    @Operation(summary = "Rating distribution per local authority",
            description = "Authorities by name; follow `next` for more.")
    @ApiResponse(responseCode = "200", description = "A page of authorities with their distributions")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<Listing<FhrsViews.AuthorityRatings>> authorities(
            @Parameter(description = "Only this authority",
                    example = "Newham") @RequestParam(required = false) String authority,
            @ParameterObject Paging page, WebRequest request) {
        int size = page.size(this.properties.pages());
        return HttpAnswers.respondPage(request, this.fhrs.authorities(blankToNull(authority), page.after(), size));
    }

    @GetMapping("/ratings/business-types")
    @Operation(summary = "Rating distribution per business type",
            description = "In one authority or in all; most establishments first.")
    @ApiResponse(responseCode = "200", description = "Every business type with its distribution")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    ResponseEntity<FhrsViews.BusinessTypes> businessTypes(@Parameter(description = "Only this authority",
            example = "Newham") @RequestParam(required = false) String authority, WebRequest request) {
        return HttpAnswers.respond(request, this.fhrs.businessTypes(blankToNull(authority)));
    }

    @GetMapping("/authorities/low-ratings")
    @Operation(summary = "Authorities ranked by share of low ratings",
            description = "Share of establishments scored 0, 1 or 2 among those with a 0-5 score, highest first "
                    + "(FHIS authorities in Scotland have no scores and are left out).")
    @ApiResponse(responseCode = "200", description = "A page of the ranking")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<Listing<FhrsViews.LowRatingShare>> lowRatings(
            @Parameter(description = "Only authorities with at least this many scored establishments (default 1)",
                    example = "50") @RequestParam(name = "min_rated", required = false) String minRated,
            @ParameterObject Paging page, WebRequest request) {
        int min = Params.integer("min_rated", minRated, 1, Integer.MAX_VALUE, 1);
        int size = page.size(this.properties.pages());
        return HttpAnswers.respondPage(request, this.fhrs.lowRatings(min, page.after(), size));
    }

    @GetMapping("/establishments/near")
    @Operation(summary = "Establishments near a point", description = "Within a radius, nearest first.")
    @ApiResponse(responseCode = "200", description = "A page of establishments with their distance")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<Listing<FhrsViews.Nearby>> near(
            @Parameter(description = "Latitude, -90 to 90", example = "51.5416",
                    required = true) @RequestParam(required = false) String lat,
            @Parameter(description = "Longitude, -180 to 180", example = "0.0257",
                    required = true) @RequestParam(required = false) String lon,
            @Parameter(description = "Radius in metres, 1 to 50000 (default 1000)",
                    example = "1000") @RequestParam(name = "radius_m", required = false) String radiusM,
            @ParameterObject Paging page, WebRequest request) {
        double latitude = Params.number("lat", lat, -90, 90, null);
        double longitude = Params.number("lon", lon, -180, 180, null);
        double radius = Params.number("radius_m", radiusM, 1, MAX_RADIUS_M, 1000.0);
        int size = page.size(this.properties.pages());
        return HttpAnswers.respondPage(request, this.fhrs.near(latitude, longitude, radius, page.after(), size));
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value;
    }

}
