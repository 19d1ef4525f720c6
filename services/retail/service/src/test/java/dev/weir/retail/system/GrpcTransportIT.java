package dev.weir.retail.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.grpc.CallOptions;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.TestPropertySource;

import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.retail.api.v1.CreateCustomerRequest;
import dev.weir.retail.api.v1.Customer;
import dev.weir.retail.api.v1.CustomersGrpc;
import dev.weir.retail.api.v1.GetCustomerRequest;
import dev.weir.retail.api.v1.Invoice;
import dev.weir.retail.api.v1.ListCustomerInvoicesRequest;
import dev.weir.retail.support.Grpc;
import dev.weir.retail.support.RawGrpcCall;
import dev.weir.retail.support.RetailClients;
import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the gRPC transport does whatever the feature: limits, malformed and unknown input,
 * deadlines, cancelled streams, health and reflection. Its own context counts the
 * connections taken from the pool (every query takes one) and the messages the server
 * streams; readiness is read at start only, so no health check takes a connection behind
 * a test's back.
 */
@RetailIT
@Import(GrpcTransportIT.Instruments.class)
@TestPropertySource(properties = "weir.grpc.health-check-interval=1h")
class GrpcTransportIT extends RetailClients {

    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

    };

    /** {@code GetCustomer} with the request and response as raw bytes. */
    static final MethodDescriptor<byte[], byte[]> GET_CUSTOMER_BYTES = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(CustomersGrpc.getGetCustomerMethod().getFullMethodName())
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();

    static final int INVOICES = 2000;

    @Autowired
    WeirGrpcServer grpcServer;

    @Autowired
    DataSource dataSource;

    @Autowired
    StreamedMessages streamed;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportsServingForTheServerAndEachRetailService() {
        var health = HealthGrpc.newBlockingStub(this.grpc.channel()).withDeadlineAfter(5, TimeUnit.SECONDS);
        for (String service : List.of("", "retail.v1.Customers", "retail.v1.Invoices", "retail.v1.StockCodes")) {
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                .as(service)
                .isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void listsTheRetailServicesAndTheirProtoFilesByReflection() throws Exception {
        List<ServerReflectionResponse> answers = reflect(
                ServerReflectionRequest.newBuilder().setListServices("").build(),
                ServerReflectionRequest.newBuilder().setFileContainingSymbol("retail.v1.Customers").build());
        assertThat(answers.get(0).getListServicesResponse().getServiceList()).extracting((s) -> s.getName())
            .contains("retail.v1.Customers", "retail.v1.Invoices", "retail.v1.StockCodes", "grpc.health.v1.Health",
                    "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
        List<String> files = answers.get(1)
            .getFileDescriptorResponse()
            .getFileDescriptorProtoList()
            .stream()
            .map((bytes) -> {
                try {
                    return com.google.protobuf.DescriptorProtos.FileDescriptorProto.parseFrom(bytes).getName();
                }
                catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                    throw new IllegalStateException(ex);
                }
            })
            .toList();
        assertThat(files).contains("retail/v1/customers.proto", "retail/v1/invoices.proto");
    }

    @Test
    void refusesAMessageOverOneMebibyteWithResourceExhaustedAndTakesOneJustUnder() {
        StatusRuntimeException tooLarge = Grpc.failure(() -> this.grpc.customers()
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("x".repeat(1024 * 1024)).build()));
        assertThat(tooLarge.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        // read, and not found; the answer's details, which name the id, are cut short
        StatusRuntimeException underTheLimit = Grpc.failure(() -> this.grpc.customers()
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("x".repeat(1000 * 1000)).build()));
        assertThat(underTheLimit.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(underTheLimit.getStatus().getDescription()).hasSizeLessThanOrEqualTo(1000).endsWith("…");
        assertThat(Grpc.errorInfo(underTheLimit).getMetadataOrThrow("customer_id")).hasSizeLessThanOrEqualTo(200);
        assertServing();
    }

    @Test
    void answersBytesThatAreNoProtobufMessageAsAMalformedRequestAndStaysHealthy() {
        byte[] garbage = { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF };
        StatusRuntimeException malformed = Grpc.failure(() -> ClientCalls.blockingUnaryCall(this.grpc.channel(),
                GET_CUSTOMER_BYTES, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), garbage));
        assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(malformed.getStatus().getDescription())
            .startsWith("The request is not a valid protobuf message of this method");
        assertThat(Grpc.errorInfo(malformed).getReason()).isEqualTo("malformed-request");

        assertServing();
        createCustomer("34001");
        assertThat(this.grpc.customers()
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId("34001").build())
            .getCustomerId()).isEqualTo("34001");
    }

    @Test
    void ignoresFieldsItDoesNotKnowAsProtobufDoes() throws Exception {
        createCustomer("34002");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        GetCustomerRequest.newBuilder().setCustomerId("34002").build().writeTo(request);
        // field 99 (varint 1) and field 100 (bytes "new"): sent by a newer client
        request.write(new byte[] { (byte) 0x98, 0x06, 0x01, (byte) 0xA2, 0x06, 0x03, 'n', 'e', 'w' });
        assertThat(GetCustomerRequest.parseFrom(request.toByteArray()).getUnknownFields().asMap()).hasSize(2);

        byte[] answer = ClientCalls.blockingUnaryCall(this.grpc.channel(), GET_CUSTOMER_BYTES,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), request.toByteArray());
        assertThat(Customer.parseFrom(answer).getCustomerId()).isEqualTo("34002");
    }

    @Test
    void refusesACallThatArrivesPastItsDeadlineWithoutAQuery() throws Exception {
        createCustomer("34003");
        byte[] request = GetCustomerRequest.newBuilder().setCustomerId("34003").build().toByteArray();
        String path = "/" + CustomersGrpc.getGetCustomerMethod().getFullMethodName();

        long before = connections();
        RawGrpcCall.Answer inTime = RawGrpcCall.send(this.grpcServer.port(), path, Map.of("grpc-timeout", "10S"),
                request);
        assertThat(inTime.grpcStatus()).as("answered in time: " + inTime).isEqualTo(Status.Code.OK.value());
        assertThat(connections()).as("a call in time queries the database").isGreaterThan(before);

        // grpc-java ends a call whose deadline has passed with RST_STREAM (CANCEL): its
        // client,
        // whose own deadline has passed as well, reports DEADLINE_EXCEEDED
        long beforeLate = connections();
        RawGrpcCall.Answer late = RawGrpcCall.send(this.grpcServer.port(), path, Map.of("grpc-timeout", "1n"), request);
        assertThat(late.resetError()).as("answered late: " + late).isEqualTo(0x8);
        assertThat(late.grpcStatus()).isNull();
        assertThat(connections()).as("connections taken for the late call").isEqualTo(beforeLate);
    }

    @Test
    void stopsStreamingAndReadingWhenTheClientCancels() throws Exception {
        customerWithInvoices("34004", "81");
        ManagedChannel slowReader = slowReader();
        try {
            OneAtATime reader = new OneAtATime();
            CustomersGrpc.newStub(slowReader)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .listCustomerInvoices(ListCustomerInvoicesRequest.newBuilder().setCustomerId("34004").build(), reader);
            assertThat(reader.received.poll(10, TimeUnit.SECONDS)).isNotNull();

            reader.call.cancel("enough", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> this.streamed.ended.get() == 1);
            int sent = this.streamed.sent.get();
            long connections = connections();
            await("nothing sent after the cancellation").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> this.streamed.sent.get() == sent);
            assertThat(this.streamed.sent.get()).as("messages sent after the cancellation").isEqualTo(sent);
            assertThat(connections()).as("queries after the cancellation").isEqualTo(connections);
            assertThat(sent).as("messages sent of " + INVOICES).isGreaterThan(1).isLessThan(INVOICES / 2);
            assertThat(reader.failure.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.CANCELLED);
        }
        finally {
            slowReader.shutdownNow();
        }
    }

    @Test
    void stopsStreamingWhenTheDeadlinePasses() throws Exception {
        customerWithInvoices("34005", "82");
        ManagedChannel slowReader = slowReader();
        try {
            OneAtATime reader = new OneAtATime();
            CustomersGrpc.newStub(slowReader)
                .withDeadlineAfter(2, TimeUnit.SECONDS)
                .listCustomerInvoices(ListCustomerInvoicesRequest.newBuilder().setCustomerId("34005").build(), reader);
            assertThat(reader.received.poll(10, TimeUnit.SECONDS)).isNotNull();

            assertThat(reader.failure.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            await().atMost(Duration.ofSeconds(10)).until(() -> this.streamed.ended.get() == 1);
            int sent = this.streamed.sent.get();
            await("nothing sent after the deadline").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> this.streamed.sent.get() == sent);
            assertThat(this.streamed.sent.get()).isEqualTo(sent).isLessThan(INVOICES / 2);
        }
        finally {
            slowReader.shutdownNow();
        }
    }

    private void assertServing() {
        assertThat(HealthGrpc.newBlockingStub(this.grpc.channel())
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    private void createCustomer(String id) {
        this.grpc.customers()
            .createCustomer(CreateCustomerRequest.newBuilder().setCustomerId(id).setCountry("Portugal").build());
    }

    /**
     * A customer with {@value #INVOICES} invoices of one line each, numbered prefix + 5
     * digits.
     */
    private void customerWithInvoices(String customerId, String prefix) {
        this.jdbc.sql("INSERT INTO retail.customer (customer_id, country) VALUES (?, 'United Kingdom')")
            .param(customerId)
            .update();
        this.jdbc.sql("INSERT INTO retail.stock_code (stock_code, description, unit_price) VALUES (?, 'CANDLE', 1.25)")
            .param("GRPC-" + customerId)
            .update();
        this.jdbc.sql("""
                INSERT INTO retail.invoice (invoice_no, invoice_date, customer_id, country, kind)
                SELECT ? || lpad(g::text, 5, '0'), timestamp '2011-01-01 09:00' + g * interval '1 minute', ?,
                       'United Kingdom', 'sale'
                FROM generate_series(1, ?) g
                """).params(prefix, customerId, INVOICES).update();
        this.jdbc.sql("""
                INSERT INTO retail.invoice_line (invoice_no, line_no, stock_code, description, quantity, unit_price)
                SELECT invoice_no, 1, ?, 'CANDLE', 3, 1.25 FROM retail.invoice WHERE customer_id = ?
                """).params("GRPC-" + customerId, customerId).update();
        this.streamed.reset();
    }

    /** A channel whose HTTP/2 window is 16 KiB: the server can get little ahead of it. */
    private ManagedChannel slowReader() {
        io.grpc.Metadata token = new io.grpc.Metadata();
        token.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                TestTokens.bearer());
        return NettyChannelBuilder.forAddress("127.0.0.1", this.grpcServer.port())
            .usePlaintext()
            .flowControlWindow(16 * 1024)
            .intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(token))
            .build();
    }

    private long connections() {
        return ((CountingDataSource) this.dataSource).connections.get();
    }

    private List<ServerReflectionResponse> reflect(ServerReflectionRequest... requests) throws Exception {
        LinkedBlockingQueue<ServerReflectionResponse> answers = new LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> ask = ServerReflectionGrpc.newStub(this.grpc.channel())
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .serverReflectionInfo(new StreamObserver<>() {

                @Override
                public void onNext(ServerReflectionResponse value) {
                    answers.add(value);
                }

                @Override
                public void onError(Throwable t) {
                    done.countDown();
                }

                @Override
                public void onCompleted() {
                    done.countDown();
                }

            });
        for (ServerReflectionRequest request : requests) {
            ask.onNext(request);
        }
        ask.onCompleted();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answers).hasSize(requests.length);
        return List.copyOf(answers);
    }

    /** Takes one message, and another only when asked. */
    static final class OneAtATime implements ClientResponseObserver<ListCustomerInvoicesRequest, Invoice> {

        final LinkedBlockingQueue<Invoice> received = new LinkedBlockingQueue<>();

        final CompletableFuture<Status> failure = new CompletableFuture<>();

        volatile ClientCallStreamObserver<ListCustomerInvoicesRequest> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<ListCustomerInvoicesRequest> call) {
            this.call = call;
            call.disableAutoRequestWithInitial(1);
        }

        @Override
        public void onNext(Invoice invoice) {
            this.received.add(invoice);
        }

        @Override
        public void onError(Throwable t) {
            this.failure.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            this.failure.complete(Status.OK);
        }

    }

    /** A pool that counts the connections taken from it. */
    static final class CountingDataSource extends DelegatingDataSource {

        final AtomicLong connections = new AtomicLong();

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            this.connections.incrementAndGet();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            this.connections.incrementAndGet();
            return super.getConnection(username, password);
        }

    }

    /** Counts the messages of customers' invoice streams, and the streams that ended. */
    static final class StreamedMessages implements ServerInterceptor {

        final AtomicInteger sent = new AtomicInteger();

        final AtomicInteger ended = new AtomicInteger();

        void reset() {
            this.sent.set(0);
            this.ended.set(0);
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            if (!call.getMethodDescriptor()
                .getFullMethodName()
                .equals(CustomersGrpc.getListCustomerInvoicesMethod().getFullMethodName())) {
                return next.startCall(call, headers);
            }
            var counted = new ForwardingServerCall.SimpleForwardingServerCall<Q, R>(call) {

                @Override
                public void sendMessage(R message) {
                    StreamedMessages.this.sent.incrementAndGet();
                    super.sendMessage(message);
                }

            };
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                    next.startCall(counted, headers)) {

                @Override
                public void onCancel() {
                    super.onCancel();
                    StreamedMessages.this.ended.incrementAndGet();
                }

                @Override
                public void onComplete() {
                    super.onComplete();
                    StreamedMessages.this.ended.incrementAndGet();
                }

            };
        }

    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Instruments {

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {

                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource))
                            ? new CountingDataSource(dataSource) : bean;
                }

            };
        }

        @Bean
        StreamedMessages streamedMessages() {
            return new StreamedMessages();
        }

    }

}
