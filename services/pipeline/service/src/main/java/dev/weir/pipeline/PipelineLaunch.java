package dev.weir.pipeline;

import java.util.List;

import dev.weir.platform.launch.ServiceLaunch;

/**
 * How {@code weir up} starts the Pipeline service: after Retail and Ingest, on 8083, with
 * its Kafka Streams state under Weir's data directory. It finds the Retail API on
 * {@code WEIR_RETAIL_PORT} and the Ingest API on {@code WEIR_INGEST_PORT} (its
 * {@code pipeline.yml}), and retries until they answer.
 */
public final class PipelineLaunch implements ServiceLaunch {

    @Override
    public String name() {
        return PipelineApplication.NAME;
    }

    @Override
    public Class<?> application() {
        return PipelineApplication.class;
    }

    @Override
    public String configName() {
        return PipelineApplication.NAME;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Port port() {
        return new Port("pipeline", "WEIR_PIPELINE_PORT", 8083);
    }

    @Override
    public List<String> arguments(Launch launch) {
        return List.of("--weir.pipeline.data-dir=" + launch.dataDir());
    }

    @Override
    public List<String> upLines(Running service) {
        return List.of(String.format(
                "  Pipeline API  http://localhost:%d   (dead letters /dlq, /reconcile/{dataset}, health /health; CLI: ./weir dlq list, ./weir reconcile retail)",
                service.port()));
    }

}
