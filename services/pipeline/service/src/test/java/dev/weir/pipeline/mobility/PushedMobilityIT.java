package dev.weir.pipeline.mobility;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.support.CitiBikeRides;
import dev.weir.pipeline.support.CitiBikeRides.Ride;
import dev.weir.pipeline.support.PipelineIT;
import dev.weir.pipeline.support.RawProducer;
import dev.weir.pipeline.support.Warehouse;
import dev.weir.platform.kafka.Envelope;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rides and telemetry exactly as the Ingest service's push endpoint writes them
 * ({@code POST /events/rides|telemetry}): the event in Weir's envelope (source
 * {@code /weir/ingest/push/<stream>}, type {@code weir.push.<stream>}, subject and key
 * the bike, time the event's own) with the {@code weir-schema-version} header, the data
 * valid against {@code streams/rides.yml} and {@code streams/telemetry.yml}: a trip as
 * its start and its end event, telemetry as GBFS-shaped reports. Real Citi Bike trips;
 * every ride reaches the warehouse once with its start station whichever event is loaded
 * first, and both datasets reconcile.
 */
@PipelineIT
@TestPropertySource(properties = "weir.pipeline.datasets=rides,telemetry")
class PushedMobilityIT {

    private static final int TRIPS = 300;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @LocalServerPort
    int port;

    @Test
    void pushedTripStartsAndEndsBecomeOneRideEachAndTelemetryIsLoaded() throws Exception {
        List<Ride> trips = CitiBikeRides.first(TRIPS)
            .stream()
            .filter((r) -> r.fields().containsKey("start_lat"))
            .toList();
        Warehouse warehouse = new Warehouse(this.jdbc);
        try (RawProducer producer = new RawProducer(this.bootstrap)) {
            // the first half's starts are loaded before their ends are sent; the second
            // half's ends are sent (and loaded) before their starts
            int half = trips.size() / 2;
            producer.send(trips.subList(0, half).stream().map((t) -> tripEvent(t, "start")).toList());
            Warehouse.await("the first starts", Duration.ofSeconds(90), () -> warehouse.count("ride_start") == half);
            List<ProducerRecord<String, byte[]>> ends = new ArrayList<>();
            trips.forEach((t) -> ends.add(tripEvent(t, "end")));
            producer.send(ends);
            Warehouse.await("every end", Duration.ofSeconds(90), () -> warehouse.count("ride") == trips.size());
            producer.send(trips.subList(half, trips.size()).stream().map((t) -> tripEvent(t, "start")).toList());
            List<ProducerRecord<String, byte[]>> reports = new ArrayList<>();
            trips.forEach((t) -> reports.add(telemetry(t)));
            producer.send(reports);
        }
        Warehouse.await("every start and report", Duration.ofSeconds(90),
                () -> warehouse.count("ride_start") == trips.size()
                        && warehouse.count("vehicle_telemetry") == trips.size());

        assertThat(warehouse.count("ride")).isEqualTo(trips.size());
        for (Ride trip : List.of(trips.get(0), trips.get(trips.size() - 1))) {
            Map<String, Object> ride = this.jdbc
                .sql("SELECT vehicle_id, started_at, ended_at, duration_s, start_station_id, end_station_id, "
                        + "start_lat, end_lon FROM warehouse.ride WHERE ride_id = ?")
                .param(trip.id())
                .query()
                .singleRow();
            assertThat(ride).containsEntry("vehicle_id", trip.vehicle())
                .containsEntry("duration_s", trip.fields().get("duration"))
                .containsEntry("start_station_id", trip.fields().get("start_station_id"))
                .containsEntry("end_station_id", trip.fields().get("end_station_id"))
                .containsEntry("start_lat", trip.fields().get("start_lat"))
                .containsEntry("end_lon", trip.fields().get("end_lon"));
            assertThat(((java.sql.Timestamp) ride.get("started_at")).toInstant()).isEqualTo(trip.start());
        }
        assertThat(this.jdbc.sql("SELECT count(*) FROM warehouse.ride WHERE start_station_id IS NULL")
            .query(Long.class)
            .single()).isZero();
        assertThat(warehouse.counter("rides", "rule.rides.trip_start")).isEqualTo(trips.size());
        assertThat(warehouse.counter("rides", "rule.rides.trip_end")).isEqualTo(trips.size());

        // the clean stage's tallies are committed with its transactions, which may come
        // after
        // the rows they produced are loaded: reconciliation holds once they are
        for (String dataset : List.of("rides", "telemetry")) {
            Warehouse.await(dataset + " reconciled", Duration.ofSeconds(90), () -> reconciled(dataset));
            JsonNode report = get("/reconcile/" + dataset);
            assertThat(report.path("reconciled").asBoolean()).as(report.toString()).isTrue();
        }
    }

    /** A trip's start or end as the push endpoint writes it, its time the event's. */
    private static ProducerRecord<String, byte[]> tripEvent(Ride trip, String event) {
        Map<String, Object> f = trip.fields();
        boolean start = event.equals("start");
        Instant at = start ? trip.start() : trip.start().plusSeconds((Integer) f.get("duration"));
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"ride_id\":\"%s\",\"bike_id\":\"%s\",\"event\":\"%s\",\"at\":\"%s\",\"station_id\":%s,"
                        + "\"lat\":%s,\"lon\":%s,\"member\":%s,\"birth_year\":%s",
                trip.id(), trip.vehicle(), event, at, f.get(start ? "start_station_id" : "end_station_id"),
                f.get(start ? "start_lat" : "end_lat"), f.get(start ? "start_lon" : "end_lon"), f.get("subscriber"),
                ((Integer) f.get("birth_year") == 0) ? "null" : f.get("birth_year")));
        if (!start) {
            json.append(String.format(Locale.ROOT, ",\"duration_s\":%d,\"distance_m\":%.1f", f.get("duration"),
                    distance(f)));
        }
        json.append('}');
        return pushed("rides", trip.vehicle(), at, json.toString());
    }

    private static ProducerRecord<String, byte[]> telemetry(Ride trip) {
        Map<String, Object> f = trip.fields();
        String json = String.format(Locale.ROOT,
                "{\"bike_id\":\"%s\",\"vehicle_type_id\":\"ebike\",\"reported_at\":\"%s\",\"lat\":%s,\"lon\":%s,"
                        + "\"battery_pct\":%d,\"current_range_meters\":%d,\"is_reserved\":false,\"is_disabled\":false,"
                        + "\"station_id\":%s,\"speed_kmh\":0.0}",
                trip.vehicle() + "-" + trip.id(), trip.start(), f.get("start_lat"), f.get("start_lon"),
                40 + (trip.id().hashCode() & 31), 20_000, f.get("start_station_id"));
        return pushed("telemetry", trip.vehicle() + "-" + trip.id(), trip.start(), json);
    }

    /**
     * As {@code PushService} of the Ingest service writes an event: key and subject the
     * bike, a new event id, the Kafka timestamp the time it was received.
     */
    private static ProducerRecord<String, byte[]> pushed(String stream, String bike, Instant at, String json) {
        Envelope envelope = new Envelope(dev.weir.platform.kafka.EventIds.next(),
                URI.create("/weir/ingest/push/" + stream), "weir.push." + stream, bike, at, Envelope.JSON,
                json.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("weir.raw." + stream, null,
                System.currentTimeMillis(), bike, envelope.toValue(), envelope.headers());
        record.headers().add("weir-schema-version", "1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static double distance(Map<String, Object> f) {
        return Geo.distanceMetres((Double) f.get("start_lat"), (Double) f.get("start_lon"), (Double) f.get("end_lat"),
                (Double) f.get("end_lon"));
    }

    private boolean reconciled(String dataset) {
        try {
            return get("/reconcile/" + dataset).path("reconciled").asBoolean();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .header("Authorization", TestTokens.bearer("pipeline.read"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JsonValues.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

}
