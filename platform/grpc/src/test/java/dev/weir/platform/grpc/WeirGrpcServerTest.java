package dev.weir.platform.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessResourceFailureException;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.grpc.spi.CallGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The server every Weir service gets, with a bare-bones service of strings: lifecycle,
 * health, reflection, error mapping, log tags.
 */
class WeirGrpcServerTest {

    static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {

        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

    };

    static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName("test.Echo/Echo")
        .setRequestMarshaller(TEXT)
        .setResponseMarshaller(TEXT)
        .build();

    static final CountDownLatch slowCallStarted = new CountDownLatch(1);

    static final CountDownLatch releaseSlowCall = new CountDownLatch(1);

    /**
     * Echoes its request, or fails as the request says; "mdc" answers the log tag it saw.
     */
    static final BindableService echo = () -> ServerServiceDefinition.builder("test.Echo")
        .addMethod(ECHO, ServerCalls.asyncUnaryCall(WeirGrpcServerTest::echo))
        .build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WeirGrpcAutoConfiguration.class))
        .withPropertyValues("weir.grpc.port=0", "spring.application.name=echo", "weir.grpc.health-check-interval=100ms")
        .withBean("echo", BindableService.class, () -> echo);

    private ManagedChannel channel;

    @AfterEach
    void closeChannel() {
        if (this.channel != null) {
            this.channel.shutdownNow();
        }
    }

    static void echo(String request, StreamObserver<String> response) {
        switch (request) {
            case "missing" -> throw WeirException.notFound("Thing not found", "No thing 'x'.").with("thing_id", "x");
            case "invalid" -> throw WeirException.invalid("name must not be blank",
                    List.of(FieldError.body("name", "must not be blank")));
            case "bug" -> throw new IllegalStateException("secret internals");
            case "database" -> throw new DataAccessResourceFailureException("connection refused");
            case "on-error" -> response.onError(WeirException.alreadyExists("Thing exists", "Thing 'y' exists."));
            case "mdc" -> {
                response.onNext(String.valueOf(MDC.get("service")));
                response.onCompleted();
            }
            case "slow" -> {
                slowCallStarted.countDown();
                try {
                    releaseSlowCall.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                response.onNext("finally");
                response.onCompleted();
            }
            default -> {
                response.onNext(request);
                response.onCompleted();
            }
        }
    }

    @Test
    void servesTheApplicationsServicesOnAPickedPort() {
        this.runner.run((context) -> {
            assertThat(call(context, "hello")).isEqualTo("hello");
        });
    }

    @Test
    void failsToStartNamingTheSettingWhenThePortIsTaken() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            this.runner.withPropertyValues("weir.grpc.port=" + taken.getLocalPort())
                .run((context) -> assertThat(context).getFailure()
                    .rootCause()
                    .hasMessageContaining("could not listen on port " + taken.getLocalPort() + " (weir.grpc.port)"));
        }
    }

    @Test
    void failsOnlyTheCallWhoseMetadataIsTooLargeNotTheConnection() {
        this.runner.run((context) -> {
            assertThat(call(context, "before")).isEqualTo("before");
            io.grpc.Metadata huge = new io.grpc.Metadata();
            huge.put(io.grpc.Metadata.Key.of("x-huge", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                    "a".repeat(64 * 1024));

            StatusRuntimeException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(
                            io.grpc.ClientInterceptors.intercept(channel(context),
                                    io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(huge)),
                            ECHO, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "big"));

            assertThat(failure).isNotNull();
            assertThat(failure.getStatus().getCode()).as(failure.getStatus().toString())
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            // the same connection still serves other calls
            assertThat(call(context, "after")).isEqualTo("after");
        });
    }

    @Test
    void startsNoServerWithoutServices() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WeirGrpcAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(WeirGrpcServer.class)
                .hasSingleBean(RequestValidator.class));
    }

    @Test
    void mapsAWeirExceptionToItsStatusWithErrorInfo() {
        this.runner.run((context) -> {
            StatusRuntimeException failure = fail(context, "missing");
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(failure.getStatus().getDescription()).isEqualTo("No thing 'x'.");
            ErrorInfo info = detail(failure, ErrorInfo.class);
            assertThat(info.getReason()).isEqualTo("not-found");
            assertThat(info.getDomain()).isEqualTo("weir.dev");
            assertThat(info.getMetadataMap()).containsEntry("thing_id", "x");
        });
    }

    @Test
    void namesEachOffendingFieldInABadRequest() {
        this.runner.run((context) -> {
            StatusRuntimeException failure = fail(context, "invalid");
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(detail(failure, ErrorInfo.class).getReason()).isEqualTo("validation");
            BadRequest badRequest = detail(failure, BadRequest.class);
            assertThat(badRequest.getFieldViolationsList()).singleElement().satisfies((violation) -> {
                assertThat(violation.getField()).isEqualTo("name");
                assertThat(violation.getDescription()).isEqualTo("must not be blank");
            });
        });
    }

    @Test
    void mapsAFailurePassedToOnErrorAsOneThrown() {
        this.runner.run((context) -> {
            StatusRuntimeException failure = fail(context, "on-error");
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(detail(failure, ErrorInfo.class).getReason()).isEqualTo("already-exists");
        });
    }

    @Test
    void answersAnUnreachableDatabaseWithUnavailableAndWhenToRetry() {
        this.runner.run((context) -> {
            StatusRuntimeException failure = fail(context, "database");
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(detail(failure, ErrorInfo.class).getReason()).isEqualTo("unavailable");
            assertThat(detail(failure, RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(5);
        });
    }

    @Test
    void answersABugWithInternalAndNothingOfItsInternals() {
        this.runner.run((context) -> {
            StatusRuntimeException failure = fail(context, "bug");
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(failure.getStatus().getDescription())
                .isEqualTo("The service failed unexpectedly; the failure was logged.");
            assertThat(failure.getTrailers().toString()).doesNotContain("secret", "IllegalStateException");
            assertThat(detail(failure, ErrorInfo.class).getReason()).isEqualTo("internal");
        });
    }

    @Test
    void aRefusingCallGuardStopsTheCallBeforeItsHandler() {
        Metadata.Key<String> refuse = Metadata.Key.of("x-refuse", Metadata.ASCII_STRING_MARSHALLER);
        java.util.concurrent.atomic.AtomicReference<String> guarded = new java.util.concurrent.atomic.AtomicReference<>();
        CallGuard guard = (method, headers) -> {
            guarded.set(method);
            return headers.containsKey(refuse)
                    ? Optional.of(WeirException.unauthenticated("Unauthenticated", "No valid credentials."))
                    : Optional.empty();
        };
        this.runner.withBean(CallGuard.class, () -> guard).run((context) -> {
            Metadata marked = new Metadata();
            marked.put(refuse, "yes");
            // "bug" fails INTERNAL in the handler: UNAUTHENTICATED says the handler never
            // ran
            var refusedCall = ClientInterceptors.intercept(channel(context),
                    MetadataUtils.newAttachHeadersInterceptor(marked));
            assertThatExceptionOfType(StatusRuntimeException.class)
                .isThrownBy(() -> ClientCalls.blockingUnaryCall(refusedCall, ECHO,
                        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "bug"))
                .satisfies((ex) -> {
                    assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(detail(ex, ErrorInfo.class).getReason()).isEqualTo("unauthenticated");
                });
            assertThat(guarded.get()).isEqualTo("test.Echo/Echo");

            assertThat(call(context, "hello")).isEqualTo("hello");
        });
    }

    @Test
    void tagsLogLinesWithTheServiceName() {
        this.runner.run((context) -> assertThat(call(context, "mdc")).isEqualTo("echo"));
    }

    @Test
    void reportsHealthForTheServerAndEachService() {
        this.runner.run((context) -> {
            var health = HealthGrpc.newBlockingStub(channel(context)).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService("test.Echo").build()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
            assertThatExceptionOfType(StatusRuntimeException.class)
                .isThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("no.Such").build()))
                .satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        });
    }

    @Test
    void answersServerReflection() throws Exception {
        this.runner.run((context) -> {
            var responses = new java.util.concurrent.LinkedBlockingQueue<ServerReflectionResponse>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel(context))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {

                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        responses.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }

                });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            ServerReflectionResponse listed = responses.poll(5, TimeUnit.SECONDS);
            requests.onCompleted();
            assertThat(listed).isNotNull();
            assertThat(listed.getListServicesResponse().getServiceList()).extracting((s) -> s.getName())
                .contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
        });
    }

    @Test
    void saysNotServingLetsACallInFlightFinishWhenStoppingAndThenRefusesCalls() {
        this.runner.run((context) -> {
            WeirGrpcServer server = context.getBean(WeirGrpcServer.class);
            int port = server.port();
            ManagedChannel channel = channel(context);
            var statuses = new java.util.concurrent.LinkedBlockingQueue<ServingStatus>();
            HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {

                @Override
                public void onNext(io.grpc.health.v1.HealthCheckResponse value) {
                    statuses.add(value.getStatus());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }

            });
            assertThat(statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
            var inFlight = ClientCalls.futureUnaryCall(
                    channel.newCall(ECHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), "slow");
            assertThat(slowCallStarted.await(5, TimeUnit.SECONDS)).isTrue();

            Thread stopping = Thread.ofPlatform().start(context::close);
            assertThat(statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
            assertThat(inFlight).isNotDone();
            releaseSlowCall.countDown();
            assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("finally");
            stopping.join(10_000);
            assertThat(server.isRunning()).isFalse();
            assertThatExceptionOfType(IOException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
        });
    }

    private String call(org.springframework.context.ApplicationContext context, String request) {
        return ClientCalls.blockingUnaryCall(channel(context), ECHO,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), request);
    }

    private StatusRuntimeException fail(org.springframework.context.ApplicationContext context, String request) {
        try {
            call(context, request);
        }
        catch (StatusRuntimeException ex) {
            return ex;
        }
        throw new AssertionError("the call succeeded");
    }

    private ManagedChannel channel(org.springframework.context.ApplicationContext context) {
        if (this.channel == null) {
            this.channel = Grpc
                .newChannelBuilderForAddress("127.0.0.1", context.getBean(WeirGrpcServer.class).port(),
                        InsecureChannelCredentials.create())
                .build();
        }
        return this.channel;
    }

    static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException failure, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        assertThat(status).as("status details").isNotNull();
        return status.getDetailsList().stream().filter((any) -> any.is(type)).map((any) -> {
            try {
                return any.unpack(type);
            }
            catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new IllegalStateException(ex);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + status));
    }

}
