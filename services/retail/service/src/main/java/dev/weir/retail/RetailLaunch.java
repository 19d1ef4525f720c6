package dev.weir.retail;

import java.util.List;

import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.platform.launch.ServiceLaunch;

/**
 * How {@code weir up} starts the Retail service: first, on 8081 (REST) and 9081 (gRPC).
 */
public final class RetailLaunch implements ServiceLaunch {

    @Override
    public String name() {
        return "retail";
    }

    @Override
    public Class<?> application() {
        return RetailApplication.class;
    }

    @Override
    public String configName() {
        return RetailApplication.NAME;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Port port() {
        return new Port("retail", "WEIR_RETAIL_PORT", 8081);
    }

    @Override
    public List<Port> otherPorts() {
        return List.of(new Port("retail gRPC", "WEIR_RETAIL_GRPC_PORT", 9081));
    }

    @Override
    public List<String> upLines(Running service) {
        int grpc = service.bean(WeirGrpcServer.class).port();
        return List.of(
                String.format("  Retail API    http://localhost:%d   (docs /docs, /redoc; OpenAPI /openapi.json; "
                        + "health /health)", service.port()),
                String.format("  Retail gRPC   localhost:%d          (retail.v1; reflection and health: grpcurl "
                        + "-plaintext localhost:%d list)", grpc, grpc));
    }

}
