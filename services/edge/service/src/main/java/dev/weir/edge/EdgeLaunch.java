package dev.weir.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.weir.platform.launch.ServiceLaunch;

/**
 * How {@code weir up} starts the edge: last (it routes to the services started before it,
 * each a backend of the same name on its port), on 8080, its lines first in the "Weir is
 * up." table. Every other service is told whose tokens to accept and where the keys are
 * (or, with {@code --insecure-dev}, to check none) and to leave the edge's libraries
 * alone. With {@code --tls} it serves HTTPS from a self-signed certificate made once
 * under the data directory. The services call each other as one OAuth2 client of the
 * edge, {@code weir-services}, whose secret is new for every {@code weir up}: the edge
 * registers it, every other service gets it ({@code ServiceToken}).
 */
public final class EdgeLaunch implements ServiceLaunch {

    private static final String PORT_VARIABLE = "WEIR_EDGE_PORT";

    private static final int DEFAULT_PORT = 8080;

    /** The client the services call each other as ({@code weir.edge.service-client}). */
    static final String SERVICE_CLIENT = "weir-services";

    /** What the services may do to each other: read Retail's export, Ingest's runs. */
    static final String SERVICE_SCOPES = "retail.read,connectors.admin";

    private final Map<String, String> environment;

    /** The services' client secret: new for every {@code weir up}, never written down. */
    private final String serviceSecret = newSecret();

    public EdgeLaunch() {
        this(System.getenv());
    }

    EdgeLaunch(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return EdgeApplication.NAME;
    }

    @Override
    public Class<?> application() {
        return EdgeApplication.class;
    }

    @Override
    public String configName() {
        return EdgeApplication.NAME;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public int upLinesOrder() {
        return 0;
    }

    @Override
    public Port port() {
        return new Port("the edge (every API, with a key or token)", PORT_VARIABLE, DEFAULT_PORT);
    }

    /** The edge's public URL: the issuer of every token. */
    String url(Launch launch) {
        String port = this.environment.get(PORT_VARIABLE);
        return (launch.tls() ? "https" : "http") + "://localhost:"
                + ((port != null && !port.isBlank()) ? port.strip() : DEFAULT_PORT);
    }

    @Override
    public List<String> argumentsForOthers(Launch launch) {
        List<String> args = new ArrayList<>(EdgeApplication.NOT_THE_EDGE);
        String url = url(launch);
        args.add("--weir.security.issuer=" + url);
        args.add("--weir.security.jwks-uri=" + url.replace("localhost", "127.0.0.1") + "/oauth2/jwks");
        if (launch.tls()) {
            args.add(
                    "--spring.ssl.bundle.pem.edge-ca.truststore.certificate=file:" + certificate(launch).certificate());
            args.add("--weir.security.jwks-ssl-bundle=edge-ca");
        }
        if (launch.insecureDev()) {
            args.add("--weir.security.mode=insecure-dev");
        }
        args.add("--weir.security.service-client.id=" + SERVICE_CLIENT);
        args.add("--weir.security.service-client.secret=" + this.serviceSecret);
        return args;
    }

    @Override
    public List<String> arguments(Launch launch) {
        List<String> args = new ArrayList<>(List.of("--weir.edge.public-url=" + url(launch),
                "--weir.edge.data-dir=" + launch.dataDir(), "--weir.edge.service-client.id=" + SERVICE_CLIENT,
                "--weir.edge.service-client.secret=" + this.serviceSecret,
                "--weir.edge.service-client.scopes=" + SERVICE_SCOPES));
        for (Running service : launch.started()) {
            args.add("--weir.edge.backends." + service.name() + ".instances=http://127.0.0.1:" + service.port());
        }
        if (launch.started().stream().anyMatch((service) -> service.name().equals("analytics"))) {
            // the customer summary's third part: the customer's analytics (docs/edge.md)
            args.add("--weir.edge.aggregation.analytics-backend=analytics");
            args.add("--weir.edge.aggregation.analytics-path=/retail/customers/{customer_id}");
        }
        if (launch.tls()) {
            SelfSignedCertificate certificate = certificate(launch);
            args.add("--server.ssl.bundle=edge");
            args.add("--spring.ssl.bundle.pem.edge.keystore.certificate=file:" + certificate.certificate());
            args.add("--spring.ssl.bundle.pem.edge.keystore.private-key=file:" + certificate.privateKey());
        }
        return args;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static SelfSignedCertificate certificate(Launch launch) {
        try {
            return SelfSignedCertificate.in(launch.dataDir().resolve("tls"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot make the self-signed certificate of --tls: " + ex.getMessage(), ex);
        }
    }

    @Override
    public List<String> upLines(Running service) {
        Launch launch = service.launch();
        String url = (launch.tls() ? "https" : "http") + "://localhost:" + service.port();
        String adminKey = this.environment.get("WEIR_ADMIN_KEY");
        List<String> lines = new ArrayList<>();
        if (launch.insecureDev()) {
            lines.add("  !! INSECURE DEVELOPMENT MODE (--insecure-dev): the services behind the edge check NO tokens.");
            lines.add("  !! Anyone who can reach their ports can call them. Never run this anywhere but your laptop.");
        }
        lines.add(String.format("  Edge          %s   (every API, with an API key in X-API-Key or a token; docs /docs; "
                + "OpenAPI /openapi.json; tokens /oauth2/token)", url));
        lines.add(
                String.format("  Admin key     %s   (./weir keys create --name NAME --scopes retail.read,retail.write)",
                        (adminKey != null && !adminKey.isBlank()) ? "from WEIR_ADMIN_KEY"
                                : launch.dataDir().resolve("admin.key").toString()));
        return lines;
    }

}
