package dev.weir.retail.invoice;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.grpc.stub.StreamObserver;
import dev.weir.platform.grpc.Answers;
import org.springframework.stereotype.Component;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.grpc.RequestValidator;
import dev.weir.retail.api.v1.AddInvoiceLineRequest;
import dev.weir.retail.api.v1.GetInvoiceRequest;
import dev.weir.retail.api.v1.InvoicesGrpc;
import dev.weir.retail.customer.CustomerInvoiceMessages;

/**
 * {@code retail.v1.Invoices}: binds the messages to the requests the REST controller
 * takes, validates them by the same rules, and calls the same {@link InvoiceService}. It
 * also gives {@code retail.v1.Customers} a customer's invoices.
 */
@Component
class InvoiceGrpcEndpoint extends InvoicesGrpc.InvoicesImplBase implements CustomerInvoiceMessages {

    /** Plain decimal notation, as the API writes prices: no exponent, no grouping. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final InvoiceService invoices;

    private final RequestValidator validator;

    InvoiceGrpcEndpoint(InvoiceService invoices, RequestValidator validator) {
        this.invoices = invoices;
        this.validator = validator;
    }

    @Override
    public void getInvoice(GetInvoiceRequest request, StreamObserver<dev.weir.retail.api.v1.Invoice> responses) {
        String invoiceNo = this.validator.required("invoice_no", request.getInvoiceNo());
        this.invoices.findLater(invoiceNo)
            .whenComplete((found, failure) -> Answers.answer(responses, found, failure, InvoiceAnswers::message,
                    () -> InvoiceService.notFound(invoiceNo)));
    }

    @Override
    public void addInvoiceLine(AddInvoiceLineRequest request,
            StreamObserver<dev.weir.retail.api.v1.InvoiceLine> responses) {
        String invoiceNo = this.validator.required("invoice_no", request.getInvoiceNo());
        String stockCode = this.validator.required("stock_code", request.getStockCode());
        InvoiceRequests.AddLine line = this.validator
            .valid(new InvoiceRequests.AddLine(request.hasQuantity() ? request.getQuantity() : null,
                    request.hasUnitPrice() ? decimal("unit_price", request.getUnitPrice()) : null));
        InvoiceLine added = this.invoices.addLine(invoiceNo, stockCode, line.quantity(), line.unitPrice());
        responses.onNext(InvoiceMessages.of(added));
        responses.onCompleted();
    }

    @Override
    public Stream<dev.weir.retail.api.v1.Invoice> invoicesOf(String customerId) {
        return this.invoices.invoicesOf(customerId).map(InvoiceAnswers::message);
    }

    private static BigDecimal decimal(String field, String value) {
        if (!DECIMAL.matcher(value).matches()) {
            throw WeirException.invalid(FieldError.body(field, "must be a decimal number such as 2.55, got '"
                    + ((value.length() > 40) ? value.substring(0, 40) + "..." : value) + "'"));
        }
        return new BigDecimal(value);
    }

}
