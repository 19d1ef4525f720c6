package dev.weir.retail.stockcode;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

import dev.weir.platform.web.ConditionalGet;
import dev.weir.retail.system.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The products API of the microservices course ({@code POST /products},
 * {@code GET /products}, {@code GET /products/{id}}) over the stock-code catalogue: a
 * product is a stock code of kind {@code product} (mapping in
 * {@code docs/retail-api.md}).
 */
@RestController
@RequestMapping(path = "/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Products",
        description = "The catalogue as the microservices course's products service: a product is a stock code")
class ProductController {

    private final StockCodeService stockCodes;

    ProductController(StockCodeService stockCodes) {
        this.stockCodes = stockCodes;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a product to the catalogue",
            description = "A stock code of kind `product`: `name` is its description, `price` its unit price. Without `id`, the id is made from a sequence (`P000001`, ...).")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = { @Header(name = "Location", description = "/products/{id}"),
                    @Header(name = "ETag", description = "The product's version") })
    @ApiResponse(responseCode = "409", ref = "AlreadyExists", description = "A stock code with this `id` exists")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequests.Create request) {
        StockCode created = this.stockCodes.createProduct(request.id(), request.name(), request.description(),
                request.price());
        var product = StockCodeAnswers.product(created);
        return ResponseEntity.created(location(created.stockCode())).eTag(product.etag()).body(product.body());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a product", description = "Ids are case-insensitive, as stock codes are.")
    @ApiResponse(responseCode = "200", description = "The product",
            headers = @Header(name = "ETag", description = "The product's version"))
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", ref = "NotFound", description = "No such stock code, or not a product")
    ResponseEntity<ProductResponse> get(@Parameter(example = "85123A") @PathVariable("id") String id,
            WebRequest request) {
        return ConditionalGet.answer(request, StockCodeAnswers.product(this.stockCodes.product(id)));
    }

    @GetMapping
    @Operation(summary = "List the products",
            description = "Stock codes of kind `product`, in id order, a page at a time: follow `next`.")
    @ApiResponse(responseCode = "200", description = "A page of products",
            headers = @Header(name = "Link", description = "`<...>; rel=\"next\"` when there are more"))
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<ProductResponse.Page> list(
            @Parameter(description = "Continue after this id (from `next`)") @RequestParam(
                    required = false) String after,
            @Parameter(description = "Page size, 1 to 1000 (default 50)") @RequestParam(
                    required = false) Integer limit) {
        Page<StockCode> page = this.stockCodes.products(after, limit);
        var response = ResponseEntity.ok();
        String next = null;
        if (page.nextAfter() != null) {
            next = UriComponentsBuilder.fromPath("/products")
                .queryParam("limit", page.items().size())
                .queryParam("after", page.nextAfter())
                .encode()
                .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(new ProductResponse.Page(page.items().stream().map(ProductResponse::of).toList(), next));
    }

    private static URI location(String id) {
        return UriComponentsBuilder.fromPath("/products/{id}").encode().buildAndExpand(id).toUri();
    }

}
