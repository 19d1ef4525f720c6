package dev.weir.retail.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.retail.api.v1.AddInvoiceLineRequest;
import dev.weir.retail.api.v1.CreateCustomerRequest;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.api.v1.GetInvoiceRequest;
import dev.weir.retail.api.v1.GetStockCodeRequest;
import dev.weir.retail.api.v1.Invoice;
import dev.weir.retail.api.v1.ListCustomerInvoicesRequest;
import dev.weir.retail.client.grpc.RetailGrpcClient;
import dev.weir.retail.client.grpc.RetailGrpcError;
import dev.weir.retail.client.rest.NewInvoice;
import dev.weir.retail.client.rest.RetailRestClient;
import dev.weir.retail.client.rest.StockCode;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gRPC client against a live Retail service; customers 420xx are this class's (set up
 * through the REST client where gRPC has no operation).
 */
@LiveRetail
class RetailGrpcClientIT {

    @LocalServerPort
    int httpPort;

    @Autowired
    WeirGrpcServer grpcServer;

    RetailGrpcClient client;

    RetailRestClient rest;

    @BeforeEach
    void clients() {
        this.client = RetailGrpcClient.of(withToken(Grpc.newChannelBuilderForAddress("127.0.0.1",
                this.grpcServer.port(), InsecureChannelCredentials.create())), RetailGrpcClient.DEFAULT_DEADLINE);
        this.rest = RetailRestClient.create(RestClient.builder()
            .baseUrl("http://127.0.0.1:" + this.httpPort)
            .defaultHeader("Authorization", TestTokens.bearer("retail.read", "retail.write")));
    }

    @AfterEach
    void close() {
        this.client.close();
    }

    @Test
    void callsEachServiceThroughTheBlockingStubs() {
        var customer = this.client.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("42001").setCountry("Greece").build());
        assertThat(
                this.client.customers().getCustomer(GetCustomerRequest.newBuilder().setCustomerId("42001.0").build()))
            .isEqualTo(customer);

        this.rest.stockCodes().create(new StockCode("CLIENT-42001", "VASE", new BigDecimal("7.95"), null));
        this.rest.invoices().create("42001", new NewInvoice("7420011", LocalDateTime.parse("2011-08-09T10:11:00")));
        var line = this.client.invoices()
            .addInvoiceLine(AddInvoiceLineRequest.newBuilder()
                .setInvoiceNo("7420011")
                .setStockCode("CLIENT-42001")
                .setQuantity(3)
                .build());
        assertThat(line.getUnitPrice()).isEqualTo("7.95");
        assertThat(this.client.invoices()
            .getInvoice(GetInvoiceRequest.newBuilder().setInvoiceNo("7420011").build())
            .getLinesCount()).isEqualTo(1);
        assertThat(this.client.stockCodes()
            .getStockCode(GetStockCodeRequest.newBuilder().setStockCode("client-42001").build())
            .getUnitPrice()).isEqualTo("7.95");
    }

    @Test
    void streamsACustomersInvoicesThroughTheAsynchronousStub() throws Exception {
        this.client.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId("42002").setCountry("Cyprus").build());
        for (String number : List.of("7420022", "7420021")) {
            this.rest.invoices().create("42002", new NewInvoice(number, LocalDateTime.parse("2011-08-09T10:11:00")));
        }
        List<String> numbers = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        this.client.customersAsync()
            .listCustomerInvoices(ListCustomerInvoicesRequest.newBuilder().setCustomerId("42002").build(),
                    new StreamObserver<>() {

                        @Override
                        public void onNext(Invoice invoice) {
                            numbers.add(invoice.getInvoiceNo());
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(null);
                        }

                    });
        done.get(10, TimeUnit.SECONDS);
        assertThat(numbers).containsExactly("7420021", "7420022");
    }

    @Test
    void readsTheReasonAndWhatAFailureIsAbout() {
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                () -> this.client.stockCodes()
                    .getStockCode(GetStockCodeRequest.newBuilder().setStockCode("CLIENT-42099").build()));
        RetailGrpcError error = RetailGrpcError.of(missing);
        assertThat(error.code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(error.reason()).isEqualTo("not-found");
        assertThat(error.metadata()).containsEntry("stock_code", "CLIENT-42099");
        assertThat(error.retryDelay()).isEmpty();

        StatusRuntimeException invalid = catchThrowableOfType(StatusRuntimeException.class,
                () -> this.client.customers().createCustomer(CreateCustomerRequest.getDefaultInstance()));
        RetailGrpcError validation = RetailGrpcError.of(invalid);
        assertThat(validation.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(validation.reason()).isEqualTo("validation");
        assertThat(validation.fieldViolations()).extracting(RetailGrpcError.FieldViolation::field)
            .contains("customer_id", "country");
    }

    @Test
    void givesACallWithoutADeadlineTheDefaultOneAndKeepsOneGiven() {
        try (RetailGrpcClient impatient = RetailGrpcClient.of(withToken(Grpc.newChannelBuilderForAddress("127.0.0.1",
                this.grpcServer.port(), InsecureChannelCredentials.create())), Duration.ofNanos(1))) {
            var request = GetCustomerRequest.newBuilder().setCustomerId("42098").build();
            StatusRuntimeException late = catchThrowableOfType(StatusRuntimeException.class,
                    () -> impatient.customers().getCustomer(request));
            assertThat(late.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);

            StatusRuntimeException answered = catchThrowableOfType(StatusRuntimeException.class,
                    () -> impatient.customers().withDeadlineAfter(5, TimeUnit.SECONDS).getCustomer(request));
            assertThat(answered.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    /** A channel whose calls carry a test token, as a caller's carry the edge's. */
    private static io.grpc.ManagedChannel withToken(io.grpc.ManagedChannelBuilder<?> channel) {
        io.grpc.Metadata token = new io.grpc.Metadata();
        token.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                TestTokens.bearer("retail.read", "retail.write"));
        return channel.intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(token)).build();
    }

}
