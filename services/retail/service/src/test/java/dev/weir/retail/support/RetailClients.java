package dev.weir.retail.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.testing.infra.Http;

/**
 * A test of a {@link RetailIT} service through both its APIs: {@link #http} on the HTTP
 * port and {@link #grpc} on the gRPC port, a fresh gRPC channel per test.
 */
public abstract class RetailClients {

    @LocalServerPort
    int port;

    @Autowired
    WeirGrpcServer grpcServer;

    protected Http http;

    protected Grpc grpc;

    @BeforeEach
    void clients() {
        this.http = new Http(this.port);
        this.grpc = new Grpc(this.grpcServer.port());
    }

    @AfterEach
    void closeClients() {
        this.grpc.close();
    }

}
