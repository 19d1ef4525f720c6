package dev.weir.retail.invoice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

import dev.weir.platform.error.WeirException;
import dev.weir.platform.web.ConditionalGet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Invoices", description = "Invoices and their lines")
class InvoiceController {

    private final InvoiceService invoices;

    InvoiceController(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @PostMapping(path = "/customer/{customer_id}/invoice", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an invoice for a customer")
    @ApiResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "/invoice/{invoice_no}"))
    @ApiResponse(responseCode = "404", ref = "NotFound", description = "No such customer")
    @ApiResponse(responseCode = "409", ref = "AlreadyExists")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<InvoiceResponses.InvoiceView> create(
            @Parameter(example = "17850") @PathVariable("customer_id") String customerId,
            @Valid @RequestBody InvoiceRequests.Create request) {
        var created = InvoiceAnswers
            .found(this.invoices.create(customerId, request.invoiceNo(), request.invoiceDate()));
        return ResponseEntity.created(invoiceUri(created.body().invoiceNo())).eTag(created.etag()).body(created.body());
    }

    @GetMapping(path = "/customer/{customer_id}/invoice", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List a customer's invoices",
            description = "An object mapping `id_<invoice_no>` to the invoice's path, in invoice number order.")
    @ApiResponse(responseCode = "200", description = "The customer's invoices",
            content = @Content(examples = @ExampleObject(
                    value = "{\"id_536365\": \"/invoice/536365\", \"id_536366\": \"/invoice/536366\"}")))
    @ApiResponse(responseCode = "404", ref = "NotFound")
    Map<String, String> listForCustomer(@Parameter(example = "17850") @PathVariable("customer_id") String customerId) {
        Map<String, String> links = new LinkedHashMap<>();
        for (String number : this.invoices.numbersOf(customerId)) {
            links.put("id_" + number, invoiceUri(number).toString());
        }
        return links;
    }

    @GetMapping(path = "/invoice/{invoice_no}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get an invoice with its lines",
            description = "Answers 304 when `If-None-Match` carries the current ETag; adding a line changes it.")
    @ApiResponse(responseCode = "200", description = "The invoice",
            headers = @Header(name = "ETag", description = "The invoice's version"))
    @ApiResponse(responseCode = "304", description = "Not modified since the given ETag")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ResponseEntity<InvoiceResponses.InvoiceView> get(
            @Parameter(example = "536365") @PathVariable("invoice_no") String invoiceNo, WebRequest request) {
        return ConditionalGet.answer(request, InvoiceAnswers.found(this.invoices.get(invoiceNo)));
    }

    @GetMapping(path = "/invoice/{invoice_no}/{stock_code}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get the line of an invoice for a stock code",
            description = "Imported history can hold several lines with one code: the first is answered, and a `Link` header with `rel=\"next\"` points at the next one (`?line_no=`).")
    @ApiResponse(responseCode = "200", description = "The line")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ResponseEntity<InvoiceResponses.LineOfInvoice> getLine(
            @Parameter(example = "536365") @PathVariable("invoice_no") String invoiceNo,
            @Parameter(example = "85123A") @PathVariable("stock_code") String stockCode,
            @Parameter(description = "Pick one of several lines with this code") @RequestParam(name = "line_no",
                    required = false) Integer lineNo) {
        List<InvoiceLine> lines = this.invoices.lines(invoiceNo, stockCode);
        int index = 0;
        if (lineNo != null) {
            index = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).lineNo() == lineNo) {
                    index = i;
                }
            }
            if (index < 0) {
                throw WeirException
                    .notFound("Invoice line not found",
                            "Invoice '" + invoiceNo + "' has no line " + lineNo + " with stock code '" + stockCode
                                    + "'.")
                    .with("invoice_no", invoiceNo)
                    .with("stock_code", stockCode)
                    .with("line_no", lineNo);
            }
        }
        InvoiceLine line = lines.get(index);
        var response = ResponseEntity.ok();
        if (index + 1 < lines.size()) {
            String next = UriComponentsBuilder.fromPath("/invoice/{no}/{code}")
                .queryParam("line_no", lines.get(index + 1).lineNo())
                .encode()
                .buildAndExpand(line.invoiceNo(), line.stockCode())
                .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(InvoiceResponses.LineOfInvoice.of(line));
    }

    @PostMapping(path = "/invoice/{invoice_no}/{stock_code}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a stock code to an invoice",
            description = "The line takes the catalogue's description, and its price unless `unit_price` is given.")
    @ApiResponse(responseCode = "201", description = "Added",
            headers = @Header(name = "Location", description = "/invoice/{invoice_no}/{stock_code}"))
    @ApiResponse(responseCode = "404", ref = "NotFound", description = "No such invoice or stock code")
    @ApiResponse(responseCode = "409", ref = "AlreadyExists", description = "The code is already on the invoice")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<InvoiceResponses.LineOfInvoice> addLine(
            @Parameter(example = "536365") @PathVariable("invoice_no") String invoiceNo,
            @Parameter(example = "85123A") @PathVariable("stock_code") String stockCode,
            @Valid @RequestBody InvoiceRequests.AddLine request) {
        InvoiceLine line = this.invoices.addLine(invoiceNo, stockCode, request.quantity(), request.unitPrice());
        var location = UriComponentsBuilder.fromPath("/invoice/{no}/{code}")
            .encode()
            .buildAndExpand(line.invoiceNo(), line.stockCode())
            .toUri();
        return ResponseEntity.created(location).body(InvoiceResponses.LineOfInvoice.of(line));
    }

    private static java.net.URI invoiceUri(String invoiceNo) {
        return UriComponentsBuilder.fromPath("/invoice/{no}").encode().buildAndExpand(invoiceNo).toUri();
    }

}
