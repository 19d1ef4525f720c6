package dev.weir.analytics.retail;

import java.time.LocalDate;
import java.time.YearMonth;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.weir.analytics.system.AnalyticsProperties;
import dev.weir.analytics.system.DayRange;
import dev.weir.analytics.system.HttpAnswers;
import dev.weir.analytics.system.Listing;
import dev.weir.analytics.system.MonthRange;
import dev.weir.analytics.system.Paging;
import dev.weir.analytics.system.Params;
import dev.weir.analytics.system.Range;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping(path = "/retail", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Retail", description = "Revenue, products, customers and baskets of the Online Retail data")
class RetailAnalyticsController {

    private final RetailAnalyticsService retail;

    private final AnalyticsProperties properties;

    RetailAnalyticsController(RetailAnalyticsService retail, AnalyticsProperties properties) {
        this.retail = retail;
        this.properties = properties;
    }

    @GetMapping("/revenue/monthly")
    @Operation(summary = "Revenue by month",
            description = "Sales, cancellations and adjustments of each month, and their net, for one country or all. "
                    + "Months are the invoices' (UK local time).")
    @ApiResponse(responseCode = "200", description = "Each month with data, and the total")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2011-01")
    @Parameter(name = "to", example = "2011-12")
    ResponseEntity<RetailViews.MonthlyRevenue> revenueByMonth(@ParameterObject MonthRange range,
            @Parameter(description = "Only this country",
                    example = "United Kingdom") @RequestParam(required = false) String country,
            WebRequest request) {
        Range<YearMonth> months = range.months();
        return HttpAnswers.respond(request,
                this.retail.revenueByMonth(months.from(), months.to(), blankToNull(country)));
    }

    @GetMapping("/revenue/countries")
    @Operation(summary = "Revenue by country", description = "Highest net revenue first.")
    @ApiResponse(responseCode = "200", description = "Each country with data, and the total")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2011-01")
    @Parameter(name = "to", example = "2011-12")
    ResponseEntity<RetailViews.RevenueByCountry> revenueByCountry(@ParameterObject MonthRange range,
            WebRequest request) {
        Range<YearMonth> months = range.months();
        return HttpAnswers.respond(request, this.retail.revenueByCountry(months.from(), months.to()));
    }

    @GetMapping("/products/top")
    @Operation(summary = "Top products for a period",
            description = "Products (not postage, fees or discounts) ranked by revenue or units, both net of "
                    + "cancellations, over whole months. Follow `next` for more.")
    @ApiResponse(responseCode = "200", description = "A page of the ranking")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2011-01")
    @Parameter(name = "to", example = "2011-12")
    @Parameter(name = "limit", example = "10")
    ResponseEntity<Listing<RetailViews.TopProduct>> topProducts(@ParameterObject MonthRange range, @Parameter(
            description = "Rank by `revenue` (default) or `quantity`") @RequestParam(required = false) String by,
            @ParameterObject Paging page, WebRequest request) {
        Range<YearMonth> months = range.months();
        boolean byQuantity = Params.choice("by", by, "revenue", "quantity").equals("quantity");
        int size = page.size(this.properties.pages());
        return HttpAnswers.respondPage(request,
                this.retail.topProducts(months.from(), months.to(), byQuantity, page.after(), size));
    }

    @GetMapping("/customers/{customer_id}")
    @Operation(summary = "A customer's summary",
            description = "Orders, spend (gross and net of cancellations), first and last purchase, and the RFM "
                    + "segment among all customers.")
    @ApiResponse(responseCode = "200", description = "The summary")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ResponseEntity<RetailViews.CustomerSummary> customer(
            @Parameter(example = "17850") @PathVariable("customer_id") String customerId, WebRequest request) {
        return HttpAnswers.respond(request, this.retail.customer(customerId));
    }

    @GetMapping("/basket")
    @Operation(summary = "Basket size over time",
            description = "Mean lines, units and amount per sale invoice, by day or month.")
    @ApiResponse(responseCode = "200", description = "Each period with sales")
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    @Parameter(name = "from", example = "2011-01-01")
    @Parameter(name = "to", example = "2011-12-31")
    ResponseEntity<RetailViews.BasketSizes> basket(@ParameterObject DayRange range,
            @Parameter(description = "`month` (default) or `day`") @RequestParam(required = false) String interval,
            @Parameter(description = "Only this country",
                    example = "United Kingdom") @RequestParam(required = false) String country,
            WebRequest request) {
        Range<LocalDate> days = range.days();
        boolean monthly = Params.choice("interval", interval, "month", "day").equals("month");
        return HttpAnswers.respond(request, this.retail.basket(days.from(), days.to(), blankToNull(country), monthly));
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value;
    }

}
