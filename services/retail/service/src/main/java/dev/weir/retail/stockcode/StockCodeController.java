package dev.weir.retail.stockcode;

import java.net.URI;
import java.util.Optional;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.web.ConditionalGet;
import dev.weir.retail.identifier.StockCodes;
import dev.weir.retail.system.Page;
import dev.weir.retail.system.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping(path = "/stockcode", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Stock codes", description = "The product catalogue")
class StockCodeController {

    private final StockCodeService stockCodes;

    StockCodeController(StockCodeService stockCodes) {
        this.stockCodes = stockCodes;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a stock code to the catalogue")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/stockcode/{stock_code}"))
    @ApiResponse(responseCode = "409", ref = "AlreadyExists")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<StockCodeResponse> create(@Valid @RequestBody StockCodeRequests.Create request) {
        var created = StockCodeAnswers.found(this.stockCodes.create(request.stockCode(), request.description(),
                request.unitPrice(), request.kind()));
        return ResponseEntity.created(location(created.body().stockCode())).eTag(created.etag()).body(created.body());
    }

    @GetMapping("/{stock_code}")
    @Operation(summary = "Get a stock code", description = "Codes are case-insensitive: `85123a` finds `85123A`.")
    @ApiResponse(responseCode = "200", description = "The catalogue entry",
            headers = @Header(name = "ETag", description = "The entry's version"))
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ResponseEntity<StockCodeResponse> get(@Parameter(example = "85123A") @PathVariable("stock_code") String stockCode,
            WebRequest request) {
        return ConditionalGet.answer(request, StockCodeAnswers.found(this.stockCodes.get(stockCode)));
    }

    @PutMapping(path = "/{stock_code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a stock code's description, price and kind",
            description = "With `If-Match`, only if the entry is still at that version (else 412). Invoices keep the description and price they were made with.")
    @ApiResponse(responseCode = "200", description = "The changed entry")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "412", ref = "PreconditionFailed")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<StockCodeResponse> replace(@PathVariable("stock_code") String stockCode,
            @Valid @RequestBody StockCodeRequests.Replace request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (request.stockCode() != null
                && !StockCodes.canonical(request.stockCode()).equals(StockCodes.canonical(stockCode))) {
            throw WeirException.invalid(FieldError.body("stock_code",
                    "must match the stock code in the path ('" + stockCode + "'); a code cannot be renamed"));
        }
        var replaced = StockCodeAnswers.found(this.stockCodes.replace(stockCode, request.description(),
                request.unitPrice(), request.kind(), Versions.ifMatch(ifMatch)));
        return ResponseEntity.ok().eTag(replaced.etag()).body(replaced.body());
    }

    @GetMapping
    @Operation(summary = "List and search the catalogue",
            description = "In stock_code order. `q` matches descriptions case-insensitively (`q=heart`). Follow `next` for more.")
    @ApiResponse(responseCode = "200", description = "A page of stock codes",
            headers = @Header(name = "Link", description = "`<...>; rel=\"next\"` when there are more"))
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<StockCodeResponse.Page> list(
            @Parameter(description = "Text the description contains",
                    example = "heart") @RequestParam(required = false) String q,
            @Parameter(description = "Only codes of this kind",
                    example = "product") @RequestParam(required = false) String kind,
            @Parameter(description = "Continue after this stock code (from `next`)") @RequestParam(
                    required = false) String after,
            @Parameter(description = "Page size, 1 to 1000 (default 50)") @RequestParam(
                    required = false) Integer limit) {
        StockCodeKind kindFilter = null;
        if (kind != null) {
            try {
                kindFilter = StockCodeKind.fromWireName(kind);
            }
            catch (IllegalArgumentException ex) {
                throw WeirException.invalid(FieldError.query("kind", "must be one of "
                        + java.util.Arrays.stream(StockCodeKind.values()).map(StockCodeKind::wireName).toList()));
            }
        }
        Page<StockCode> page = this.stockCodes.list(q, kindFilter, after, limit);
        String next = null;
        if (page.nextAfter() != null) {
            next = UriComponentsBuilder.fromPath("/stockcode")
                .queryParamIfPresent("q", Optional.ofNullable(q))
                .queryParamIfPresent("kind", Optional.ofNullable(kind))
                .queryParam("limit", page.items().size())
                .queryParam("after", page.nextAfter())
                .encode()
                .toUriString();
        }
        var response = ResponseEntity.ok();
        if (next != null) {
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response
            .body(new StockCodeResponse.Page(page.items().stream().map(StockCodeResponse::of).toList(), next));
    }

    static URI location(String stockCode) {
        return UriComponentsBuilder.fromPath("/stockcode/{code}").encode().buildAndExpand(stockCode).toUri();
    }

}
