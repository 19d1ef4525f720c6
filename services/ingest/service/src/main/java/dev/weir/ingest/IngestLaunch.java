package dev.weir.ingest;

import java.util.List;

import dev.weir.platform.launch.ServiceLaunch;

/**
 * How {@code weir up} starts the Ingest service: after Retail, on 8082, with Weir's data
 * directory (user connectors and overrides are in its {@code connectors/}).
 */
public final class IngestLaunch implements ServiceLaunch {

    @Override
    public String name() {
        return IngestApplication.NAME;
    }

    @Override
    public Class<?> application() {
        return IngestApplication.class;
    }

    @Override
    public String configName() {
        return IngestApplication.NAME;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Port port() {
        return new Port("ingest", "WEIR_INGEST_PORT", 8082);
    }

    @Override
    public List<String> arguments(Launch launch) {
        return List.of("--weir.ingest.data-dir=" + launch.dataDir());
    }

    @Override
    public List<String> upLines(Running service) {
        return List.of(String.format(
                "  Ingest API    http://localhost:%d   (connectors /connectors, docs /docs; CLI: ./weir connector list)",
                service.port()),
                String.format(
                        "  Push          http://localhost:%d/events/{stream}   (streams /events/streams; lake /lake: "
                                + "./weir lake ls; try ./weir simulate rides)",
                        service.port()));
    }

}
