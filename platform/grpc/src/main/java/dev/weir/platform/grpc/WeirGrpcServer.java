package dev.weir.platform.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The service's gRPC server: every {@link BindableService} bean of the application, plus
 * health ({@code grpc.health.v1}) and server reflection (v1 and v1alpha, for grpcurl and
 * Postman), on {@code weir.grpc.port}. It starts with the application context, after the
 * beans it calls, and stops before them: it first reports {@code NOT_SERVING}, refuses
 * new calls, lets the calls in flight finish for {@code weir.grpc.shutdown-grace-period},
 * then cancels what is left.
 * <p>
 * Calls run on virtual threads, so a handler may block on the database. Every call
 * passes, outermost first, the metadata size limit, the log tag, the error mapping, the
 * call guards and the deadline check, then the application's own
 * {@link ServerInterceptor} beans (in their {@code @Order}).
 */
public final class WeirGrpcServer implements SmartLifecycle {

    /**
     * Starts after, and stops before, most other beans; in the phase of the web server's
     * graceful shutdown, so both transports stop taking calls together.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Logger log = LoggerFactory.getLogger(WeirGrpcServer.class);

    private final WeirGrpcProperties properties;

    private final List<ServerServiceDefinition> services;

    private final List<ServerInterceptor> interceptors;

    private final GrpcHealth health;

    private final CallsInFlight inFlight = new CallsInFlight();

    private volatile Server server;

    private volatile ExecutorService executor;

    /**
     * @param interceptors the interceptors every call passes, outermost first
     */
    WeirGrpcServer(WeirGrpcProperties properties, List<BindableService> services, List<ServerInterceptor> interceptors,
            GrpcHealth health) {
        this.properties = properties;
        this.services = services.stream().map(BindableService::bindService).toList();
        this.interceptors = List.copyOf(interceptors);
        this.health = health;
    }

    @Override
    public synchronized void start() {
        if (this.server != null) {
            return;
        }
        ExecutorService calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("grpc-call-", 0).factory());
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(this.properties.port()))
            .executor(calls)
            .maxInboundMessageSize(Math.toIntExact(this.properties.maxInboundMessageSize().toBytes()))
            // the transport's limit, far above MetadataLimitInterceptor's, which refuses
            // one
            // call; at this one Netty would refuse at random, and at 1.25 times it end
            // the
            // connection (GOAWAY)
            .maxInboundMetadataSize(transportMetadataLimit(this.properties));
        List<String> names = new ArrayList<>();
        for (ServerServiceDefinition service : this.services) {
            names.add(service.getServiceDescriptor().getName());
            builder.addService(parsedWithinInterceptors(service));
        }
        builder.addService(parsedWithinInterceptors(this.health.service().bindService()));
        builder.addService(parsedWithinInterceptors(ProtoReflectionServiceV1.newInstance().bindService()));
        builder.addService(parsedWithinInterceptors(reflectionV1Alpha().bindService()));
        // ServerBuilder.intercept runs the interceptor added last first
        for (int i = this.interceptors.size() - 1; i >= 0; i--) {
            builder.intercept(this.interceptors.get(i));
        }
        builder.intercept(this.inFlight);
        Server started = builder.build();
        try {
            started.start();
        }
        catch (IOException ex) {
            calls.shutdownNow();
            // no cause: launchers show the innermost message, and this one names the
            // setting
            throw new IllegalStateException("The gRPC server could not listen on port " + this.properties.port()
                    + " (weir.grpc.port): " + ex.getMessage()
                    + ((ex.getCause() != null) ? " (" + ex.getCause().getMessage() + ")" : ""));
        }
        this.executor = calls;
        this.server = started;
        this.health.start(names);
        log.info("gRPC server listening on port {}: {}", started.getPort(), names);
    }

    @Override
    public void stop() {
        Server running;
        ExecutorService calls;
        synchronized (this) {
            running = this.server;
            calls = this.executor;
            this.server = null;
            this.executor = null;
        }
        if (running == null) {
            return;
        }
        this.health.stop();
        running.shutdown();
        try {
            if (!this.inFlight.awaitNone(this.properties.shutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("gRPC calls still running after {}; cancelling them", this.properties.shutdownGracePeriod());
            }
            // cancels what is left, health watches included
            running.shutdownNow();
            running.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running.shutdownNow();
        }
        finally {
            calls.shutdownNow();
        }
        log.info("gRPC server stopped");
    }

    /**
     * Stops on a thread of its own, so the web server's graceful shutdown runs meanwhile.
     */
    @Override
    public void stop(Runnable callback) {
        Thread.ofPlatform().name("grpc-stop").start(() -> {
            try {
                stop();
            }
            finally {
                callback.run();
            }
        });
    }

    @Override
    public boolean isRunning() {
        return this.server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * The port the server listens on: {@code weir.grpc.port}, or the one picked when that
     * is {@code 0}.
     * @throws IllegalStateException when the server is not running
     */
    public int port() {
        Server running = this.server;
        if (running == null) {
            throw new IllegalStateException("The gRPC server is not running");
        }
        return running.getPort();
    }

    /** The names of the application's services, as clients address them. */
    public List<String> serviceNames() {
        return this.services.stream().map((s) -> s.getServiceDescriptor().getName()).toList();
    }

    static int transportMetadataLimit(WeirGrpcProperties properties) {
        return Math.toIntExact(Math.max(256 * 1024, 8 * properties.maxInboundMetadataSize().toBytes()));
    }

    /**
     * The service with its messages parsed inside the interceptors rather than before
     * them, so that bytes that are no valid message reach the error mapping (and are
     * answered {@code INVALID_ARGUMENT}, as a malformed request, instead of grpc-java's
     * {@code UNKNOWN}) and a call past its deadline is not even parsed.
     */
    private static ServerServiceDefinition parsedWithinInterceptors(ServerServiceDefinition service) {
        return ServerInterceptors.useInputStreamMessages(service);
    }

    @SuppressWarnings("deprecation") // v1alpha: what older grpcurl and Postman releases
                                     // ask
    private static BindableService reflectionV1Alpha() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }

}
