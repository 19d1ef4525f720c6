package dev.weir.retail.export;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.retail.export.ExportRecords.ExportCounts;

/**
 * {@code GET /export/{customers|stock-codes|invoices}}: every entity, one JSON object per
 * line ({@code application/x-ndjson}), in key order, {@code limit} at a time after the
 * key {@code after}; the header {@code Weir-Next-After} names the key to ask after for
 * the next page and is absent on the last one. {@code GET /export/counts}: how many of
 * each.
 */
@RestController
@RequestMapping(path = "/export")
@Tag(name = "Export", description = "Every customer, stock code and invoice, for consumers that mirror the data")
class ExportController {

    static final String NDJSON = "application/x-ndjson";

    static final String NEXT_HEADER = "Weir-Next-After";

    private final ExportService service;

    private final JsonMapper json;

    ExportController(ExportService service, JsonMapper json) {
        this.service = service;
        this.json = json;
    }

    @GetMapping(path = "/customers", produces = NDJSON)
    @Operation(summary = "Export customers (NDJSON, keyset pages by customer_id)")
    ResponseEntity<String> customers(@RequestParam(defaultValue = "") String after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(ExportService.MAX_LIMIT) int limit) {
        return page(after, limit, this.service::customers, ExportRecords.ExportedCustomer::customerId);
    }

    @GetMapping(path = "/stock-codes", produces = NDJSON)
    @Operation(summary = "Export the catalogue (NDJSON, keyset pages by stock_code)")
    ResponseEntity<String> stockCodes(@RequestParam(defaultValue = "") String after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(ExportService.MAX_LIMIT) int limit) {
        return page(after, limit, this.service::stockCodes, ExportRecords.ExportedStockCode::stockCode);
    }

    @GetMapping(path = "/invoices", produces = NDJSON)
    @Operation(summary = "Export invoices with their lines (NDJSON, keyset pages by invoice_no)")
    ResponseEntity<String> invoices(
            @Parameter(description = "The last invoice number of the previous page") @RequestParam(
                    defaultValue = "") String after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(ExportService.MAX_LIMIT) int limit) {
        return page(after, limit, this.service::invoices, ExportRecords.ExportedInvoice::invoiceNo);
    }

    @GetMapping(path = "/counts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "How many customers, stock codes, invoices and lines the service holds")
    ExportCounts counts() {
        return this.service.counts();
    }

    private <T> ResponseEntity<String> page(String after, int limit, BiFunction<String, Integer, List<T>> read,
            Function<T, String> key) {
        List<T> rows = read.apply(after, limit);
        StringBuilder body = new StringBuilder(rows.size() * 96);
        for (T row : rows) {
            body.append(this.json.writeValueAsString(row)).append('\n');
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON));
        if (rows.size() == limit) {
            answer.header(NEXT_HEADER, key.apply(rows.get(rows.size() - 1)));
        }
        return answer.body(body.toString());
    }

}
