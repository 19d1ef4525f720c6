package dev.weir.testing.upstreams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Open-Meteo's hourly weather API ({@code https://api.open-meteo.com/v1/forecast}),
 * served from the recorded response bodies in the repository's {@code data/open-meteo/}
 * directory (bare bodies and VCR cassettes): for the cities they were recorded for, the
 * recorded body (or a cut of it down to the variables asked for); for other coordinates a
 * deterministic synthetic body derived from a recorded one, coordinates and (with
 * {@code start_date}) times shifted. Each answer says which in its
 * {@code X-Weir-Upstream-Source} header ({@code recorded ...}, {@code derived ...},
 * {@code synthetic ...}). See {@code OpenMeteoApi} in the sources for the rules.
 *
 * <pre>{@code
 * try (OpenMeteoUpstream weather = OpenMeteoUpstream.builder().start()) {
 *     // GET weather.baseUrl() + "/v1/forecast?latitude=52.52&longitude=13.41&hourly=temperature_2m"
 * }
 * }</pre>
 *
 * Recorded places: Berlin (52.52, 13.42), Copenhagen (55.75, 12.5), 45.75 N 12.75 E (12
 * models).
 */
public final class OpenMeteoUpstream extends Upstream {

    private static final String SLICE = "/dev/weir/testing/upstreams/data/open-meteo/";

    private final Supplier<List<OpenMeteoRecording>> source;

    private volatile OpenMeteoApi api;

    private OpenMeteoUpstream(Builder builder) {
        super("Open-Meteo", builder);
        this.source = builder.recordings;
    }

    /**
     * A builder: the recordings in {@code data/open-meteo}, no rate limit, no latency.
     */
    public static Builder builder() {
        return new Builder();
    }

    private OpenMeteoApi api() {
        OpenMeteoApi current = this.api;
        if (current == null) {
            synchronized (this) {
                current = this.api;
                if (current == null) {
                    current = new OpenMeteoApi(this.source.get());
                    this.api = current;
                }
            }
        }
        return current;
    }

    /** The files of the recordings it answers from. */
    public List<String> recordings() {
        return api().recordings().stream().map(OpenMeteoRecording::name).distinct().toList();
    }

    @Override
    Answer check(UpstreamRequest request) {
        return null;
    }

    @Override
    Answer answer(UpstreamRequest request, int changes) {
        return api().answer(request, changes);
    }

    private static List<OpenMeteoRecording> slice() {
        List<OpenMeteoRecording> recordings = new ArrayList<>();
        for (String name : List.of("forecast_berlin_hourly_24h.json", "forecast_copenhagen_current_hourly_daily.json",
                "vcr/forecast_general.yml")) {
            try (InputStream in = OpenMeteoUpstream.class.getResourceAsStream(SLICE + name)) {
                Objects.requireNonNull(in, () -> "Missing resource " + SLICE + name);
                if (name.endsWith(".yml")) {
                    recordings.addAll(OpenMeteoRecording.ofCassette(name, in));
                }
                else {
                    recordings.add(OpenMeteoRecording.ofBody(name, in.readAllBytes(), null, null));
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return recordings;
    }

    /** Builds and starts an {@link OpenMeteoUpstream}. */
    public static final class Builder extends Upstream.Builder<Builder, OpenMeteoUpstream> {

        private Supplier<List<OpenMeteoRecording>> recordings = () -> OpenMeteoRecording
            .loadDirectory(RecordedData.locate().resolve("open-meteo"));

        private Builder() {
        }

        /**
         * Answers from the recordings in this directory ({@code *.json} bodies,
         * {@code vcr/*.yml} cassettes).
         */
        public Builder recordings(Path directory) {
            Objects.requireNonNull(directory);
            this.recordings = () -> OpenMeteoRecording.loadDirectory(directory);
            return this;
        }

        /**
         * Answers from the slice bundled in this jar: Berlin and Copenhagen, no data
         * files needed.
         */
        public Builder slice() {
            this.recordings = OpenMeteoUpstream::slice;
            return this;
        }

        @Override
        OpenMeteoUpstream build() {
            return new OpenMeteoUpstream(this);
        }

    }

}
