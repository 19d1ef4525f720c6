package dev.weir.platform.grpc;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * gRPC settings shared by every Weir service ({@code weir.grpc.*}).
 *
 * @param port the port the gRPC server listens on (all interfaces); {@code 0} picks a
 * free one (tests), see {@link WeirGrpcServer#port()}
 * @param maxInboundMessageSize the largest request message accepted; a larger one is
 * answered {@code RESOURCE_EXHAUSTED} without being read
 * @param maxInboundMetadataSize the largest metadata (headers) a call may carry; a call
 * with more is answered {@code RESOURCE_EXHAUSTED}, and the connection serves on
 * @param shutdownGracePeriod how long calls in flight may take to finish when the service
 * stops; calls still running then are cancelled
 * @param healthCheckInterval how often the health service re-reads the service's
 * readiness (the database included); it is also re-read whenever the readiness changes
 */
@ConfigurationProperties("weir.grpc")
@Validated
public record WeirGrpcProperties(@DefaultValue("9090") @Min(0) @Max(65535) int port,
        @DefaultValue("1MB") @NotNull DataSize maxInboundMessageSize,
        @DefaultValue("8KB") @NotNull DataSize maxInboundMetadataSize,
        @DefaultValue("10s") @NotNull Duration shutdownGracePeriod,
        @DefaultValue("5s") @NotNull Duration healthCheckInterval) {
}
