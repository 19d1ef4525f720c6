import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.weir.pipeline.PipelineApplication;
import dev.weir.platform.embedded.EmbeddedKafka;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.platform.kafka.Envelope;
import dev.weir.platform.kafka.EventIds;

/**
 * The pipeline benchmark (bench/pipeline/run.sh): loader vs COPY, clean stage records/s, pushed event to
 * queryable latency. Prints figures; asserts nothing.
 */
public class PipelineBench {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static String bootstrap;

    static EmbeddedPostgres postgres;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String parts = args[4];
        int port = Integer.parseInt(args[5]);
        postgres = EmbeddedPostgres.start(work.resolve("pg"), port, Path.of(System.getProperty("user.home"), ".cache", "weir"));
        EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), port + 1, port + 2);
        bootstrap = kafka.bootstrapServers();
        // stopped also when the benchmark is interrupted (Ctrl-C, SIGTERM): nothing is left running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.stop();
        }));
        sql("postgres", "CREATE DATABASE bench");
        if (parts.contains("1")) {
            loaderVersusCopy(work, rows);
        }
        if (parts.contains("2") || parts.contains("3")) {
            // part 3 starts with part 2's backlog: it waits for those rides in the warehouse
            cleanStage(work, rows);
        }
        if (parts.contains("3")) {
            pushToQueryable(work, rate, seconds, rows);
        }
        System.exit(0);
    }

    // 1. loader vs COPY ---------------------------------------------------------------------------

    static void loaderVersusCopy(Path work, int rows) throws Exception {
        try (ConfigurableApplicationContext topics = pipeline(work, "topics", false, false)) {
            // creates the schema and the topics
        }
        List<Map<String, Object>> ridesRows = new ArrayList<>(rows);
        Instant start = Instant.parse("2017-07-17T00:00:00Z");
        for (int i = 0; i < rows; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            Instant at = start.plusSeconds(i % 86_400);
            row.put("ride_id", "bench-" + i);
            row.put("vehicle_id", "bike-" + (i % 900));
            row.put("started_at", at.toString());
            row.put("ended_at", at.plusSeconds(600).toString());
            row.put("start_date_key", 20170717);
            row.put("start_hour", (i % 86_400) / 3600);
            row.put("duration_s", 600);
            row.put("distance_m", 1234.5 + (i % 100));
            row.put("start_station_id", String.valueOf(72 + i % 600));
            row.put("end_station_id", String.valueOf(79 + i % 600));
            row.put("start_lat", 40.7 + (i % 100) / 1000.0);
            row.put("start_lon", -73.99);
            row.put("end_lat", 40.72);
            row.put("end_lon", -74.0 + (i % 100) / 1000.0);
            row.put("user_type", (i % 3 == 0) ? "customer" : "subscriber");
            row.put("birth_year", 1970 + i % 40);
            row.put("event_id", EventIds.next());
            row.put("received_at", Instant.now().toString());
            ridesRows.add(row);
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (Map<String, Object> row : ridesRows) {
                Envelope envelope = new Envelope(EventIds.next(), URI.create("/weir/pipeline/rides"), "weir.clean.ride",
                        (String) row.get("ride_id"), start, Envelope.JSON, JSON.writeValueAsBytes(row));
                producer.send(envelope.toRecord("weir.clean.rides", (String) row.get("ride_id")));
            }
            producer.flush();
        }
        try (ConfigurableApplicationContext loader = pipeline(work, "loader", false, true)) {
            waitFor(() -> count("SELECT count(*) FROM warehouse.ride") >= rows, Duration.ofMinutes(20));
        }
        long loaderMs;
        try (Connection c = connection(); ResultSet r = c.createStatement().executeQuery(
                "SELECT extract(epoch FROM max(loaded_at) - min(loaded_at)) * 1000, "
                        + "(SELECT rows FROM warehouse.load_batch ORDER BY id DESC LIMIT 1) FROM warehouse.load_batch")) {
            r.next();
            loaderMs = Math.max(1, r.getLong(1));
            long lastBatch = r.getLong(2);
            double loaderRate = (rows - lastBatch) * 1000.0 / loaderMs;
            // COPY of the same rows into the same table, emptied first
            StringBuilder text = new StringBuilder();
            String[] columns = { "ride_id", "vehicle_id", "started_at", "ended_at", "start_date_key", "start_hour",
                    "duration_s", "distance_m", "start_station_id", "end_station_id", "start_lat", "start_lon", "end_lat",
                    "end_lon", "user_type", "birth_year", "event_id", "received_at" };
            for (Map<String, Object> row : ridesRows) {
                for (int i = 0; i < columns.length; i++) {
                    text.append((i > 0) ? "\t" : "").append(row.get(columns[i]));
                }
                text.append('\n');
            }
            c.createStatement().execute("TRUNCATE warehouse.ride");
            long copyStart = System.nanoTime();
            c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY warehouse.ride (" + String.join(", ", columns) + ") FROM STDIN",
                        new StringReader(text.toString()));
            double copyMs = (System.nanoTime() - copyStart) / 1e6;
            double copyRate = rows * 1000.0 / copyMs;
            System.out.printf("%n1. loading %,d cleaned rides into warehouse.ride%n", rows);
            System.out.printf("   loader (Kafka -> COPY to staging -> upsert, offsets in the transaction) %,10.0f rows/s%n",
                    loaderRate);
            System.out.printf("   COPY of the same rows into the same table                            %,10.0f rows/s%n",
                    copyRate);
            System.out.printf("   loader / COPY = %.2f  (target >= 0.5)%n", loaderRate / copyRate);
        }
    }

    // 2. clean stage ------------------------------------------------------------------------------

    static void cleanStage(Path work, int rows) throws Exception {
        // 5.4 km in at least 400 s: every ride is under the rides.impossible_speed limit (60 km/h), so part 3 can
        // wait for all of them in the warehouse
        List<byte[]> rides = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            rides.add(("{\"ride_id\":\"raw-" + i + "\",\"vehicle_id\":\"bike-" + (i % 900)
                    + "\",\"start_time\":\"2017-07-17 08:00:00\",\"duration\":" + (400 + i % 900)
                    + ",\"start_station_id\":\"72\",\"end_station_id\":\"79\",\"start_lat\":40.767,\"start_lon\":-73.994,"
                    + "\"end_lat\":40.719,\"end_lon\":-74.007,\"subscriber\":true,\"birth_year\":1980}")
                .getBytes(StandardCharsets.UTF_8));
        }
        JsonNode fhrs;
        try (var in = new GZIPInputStream(Files.newInputStream(
                Path.of(System.getProperty("weir.data"), "fhrs/json/establishments_39779.json.gz")))) {
            fhrs = JSON.readTree(in.readAllBytes());
        }
        try (ConfigurableApplicationContext clean = pipeline(work, "clean", true, false)) {
            Thread.sleep(15_000); // the Streams applications join their groups
            double ridesRate = timeClean("rides", () -> {
                try (KafkaProducer<String, byte[]> producer = producer()) {
                    for (byte[] ride : rides) {
                        Envelope envelope = new Envelope(EventIds.next(), URI.create("/weir/ingest/push/rides"),
                                "weir.push.rides", "bike", Instant.now(), Envelope.JSON, ride);
                        producer.send(envelope.toRecord("weir.raw.rides", "bike-" + ThreadLocalRandom.current().nextInt(900)));
                    }
                }
                return rides.size();
            });
            double fhrsRate = timeClean("fhrs", () -> {
                try (KafkaProducer<String, byte[]> producer = producer()) {
                    for (JsonNode establishment : fhrs) {
                        byte[] json = establishment.toString().getBytes(StandardCharsets.UTF_8);
                        String key = establishment.path("FHRSID").asString();
                        Envelope envelope = new Envelope(EventIds.next(),
                                URI.create("/weir/ingest/pull/fhrs/establishments"), "weir.ingest.pulled", key,
                                Instant.now(), Envelope.JSON, json);
                        producer.send(envelope.toRecord("weir.raw.fhrs", key));
                    }
                }
                return fhrs.size();
            });
            System.out.printf("%n2. clean stage (Kafka Streams, exactly_once_v2, stream threads as pipeline.yml sets them)%n");
            System.out.printf("   rides  %,10.0f records/s (%,d records)%n", ridesRate, rides.size());
            System.out.printf("   fhrs   %,10.0f records/s (%,d records)%n", fhrsRate, fhrs.size());
        }
    }

    interface Producing {

        int produce() throws Exception;

    }

    static double timeClean(String dataset, Producing producing) throws Exception {
        long start = System.nanoTime();
        int records = producing.produce();
        waitFor(() -> cleanLag(dataset) == 0, Duration.ofMinutes(20));
        return records / ((System.nanoTime() - start) / 1e9);
    }

    static long cleanLag(String dataset) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets("bench-clean-" + dataset)
                .partitionsToOffsetAndMetadata()
                .get();
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            for (int p = 0; p < 3; p++) {
                request.put(new TopicPartition("weir.raw." + dataset, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(request).all().get().entrySet()) {
                var at = committed.get(end.getKey());
                lag += end.getValue().offset() - ((at != null) ? at.offset() : 0);
            }
            return lag;
        }
        catch (Exception ex) {
            return Long.MAX_VALUE;
        }
    }

    // 3. pushed event -> queryable ---------------------------------------------------------------

    static void pushToQueryable(Path work, int rate, int seconds, int rows) throws Exception {
        try (ConfigurableApplicationContext full = pipeline(work, "full", true, true)) {
            // the loader first loads what the clean stage cleaned in part 2
            waitFor(() -> count("SELECT count(*) FROM warehouse.ride WHERE ride_id LIKE 'raw-%'") >= rows,
                    Duration.ofMinutes(20));
            long[] last = { -1 };
            waitFor(() -> {
                long now = count("SELECT count(*) FROM warehouse.fhrs_establishment");
                boolean stable = now == last[0];
                last[0] = now;
                return stable;
            }, Duration.ofMinutes(20), 3000);
            long sent = 0;
            try (KafkaProducer<String, byte[]> producer = producer()) {
                // the path is live before the clock starts: a probe trip is cleaned and loaded (the clean stage
                // may still be restoring its stores when the loader has caught up)
                long probeStart = System.nanoTime();
                producer.send(trip(0, "probe-0", Instant.now()));
                producer.send(trip(1, "probe-0", Instant.now()));
                producer.flush();
                waitFor(() -> count("SELECT count(*) FROM warehouse.ride WHERE ride_id = 'probe-0'") == 1,
                        Duration.ofMinutes(20));
                System.out.printf("%n   (a probe trip was queryable %.1f s after it was sent: the timed load starts now)%n",
                        (System.nanoTime() - probeStart) / 1e9);
                long start = System.nanoTime();
                long total = (long) rate * seconds;
                while (sent < total) {
                    long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                    while (sent < Math.min(due, total)) {
                        producer.send(trip(sent, "live-" + (sent / 2), Instant.now()));
                        sent++;
                    }
                    Thread.sleep(1);
                }
            }
            long ends = sent / 2;
            long starts = sent - ends;
            waitFor(() -> count("SELECT count(*) FROM warehouse.ride WHERE ride_id LIKE 'live-%'") >= ends
                    && count("SELECT count(*) FROM warehouse.ride_start WHERE ride_id LIKE 'live-%'") >= starts,
                    Duration.ofMinutes(20));
            // every pushed event: the ends are the rides, the starts the ride_start rows
            try (Connection c = connection(); ResultSet r = c.createStatement().executeQuery("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
                    FROM (SELECT extract(epoch FROM loaded_at - received_at) * 1000 AS ms
                          FROM warehouse.ride WHERE ride_id LIKE 'live-%'
                          UNION ALL SELECT extract(epoch FROM loaded_at - received_at) * 1000
                          FROM warehouse.ride_start WHERE ride_id LIKE 'live-%') t""")) {
                r.next();
                System.out.printf("%n3. pushed event -> queryable: %,d trip events (starts and ends) at %,d/s for %d s%n",
                        sent, rate, seconds);
                System.out.printf("   p50 %.0f ms   p95 %.0f ms   p99 %.0f ms   max %.0f ms  (target p95 <= 2000 ms)%n",
                        r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4));
            }
            // when the slow ones were received: p50/p95 per minute of the load
            try (Connection c = connection(); ResultSet r = c.createStatement().executeQuery("""
                    WITH t AS (SELECT received_at, extract(epoch FROM loaded_at - received_at) * 1000 AS ms
                               FROM warehouse.ride WHERE ride_id LIKE 'live-%'
                               UNION ALL SELECT received_at, extract(epoch FROM loaded_at - received_at) * 1000
                               FROM warehouse.ride_start WHERE ride_id LIKE 'live-%')
                    SELECT floor(extract(epoch FROM received_at - (SELECT min(received_at) FROM t)) / 60) AS minute,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)
                    FROM t GROUP BY 1 ORDER BY 1""")) {
                while (r.next()) {
                    System.out.printf("   minute %d: p50 %.0f ms, p95 %.0f ms%n", r.getInt(1) + 1, r.getDouble(2),
                            r.getDouble(3));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    static ConfigurableApplicationContext pipeline(Path work, String name, boolean clean, boolean load) {
        return PipelineApplication.builder()
            .properties(Map.of("spring.main.banner-mode", "off"))
            .run("--spring.datasource.url=" + postgres.jdbcUrl("bench"),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(), "--spring.kafka.bootstrap-servers=" + bootstrap,
                    "--server.port=0", "--weir.pipeline.data-dir=" + work.resolve(name),
                    "--weir.pipeline.datasets=rides,fhrs", "--weir.pipeline.retail.export=false",
                    "--weir.pipeline.clean.enabled=" + clean, "--weir.pipeline.loader.enabled=" + load,
                    "--weir.pipeline.clean.application-id-prefix=bench-clean",
                    "--logging.level.org.apache.kafka=WARN",
                    // where part 1's batches spend their time: one line per batch
                    "--logging.level.dev.weir.pipeline.load.Loader=" + (name.equals("loader") ? "DEBUG" : "INFO"));
    }

    /**
     * Event {@code n} of a trip as the push endpoint takes it (streams/rides.yml): even its start, odd its end.
     */
    static ProducerRecord<String, byte[]> trip(long n, String rideId, Instant now) {
        String bike = "bike-" + ((n / 2) % 900);
        byte[] ride = ((n % 2 == 0)
                ? "{\"ride_id\":\"" + rideId + "\",\"bike_id\":\"" + bike + "\",\"event\":\"start\",\"at\":\"" + now
                        + "\",\"station_id\":72,\"lat\":40.767,\"lon\":-73.994,\"member\":true}"
                : "{\"ride_id\":\"" + rideId + "\",\"bike_id\":\"" + bike + "\",\"event\":\"end\",\"at\":\"" + now
                        + "\",\"station_id\":79,\"lat\":40.719,\"lon\":-74.007,\"duration_s\":600,"
                        + "\"distance_m\":5400.0,\"member\":true}")
            .getBytes(StandardCharsets.UTF_8);
        Envelope envelope = new Envelope(EventIds.next(), URI.create("/weir/ingest/push/rides"), "weir.push.rides", bike,
                now, Envelope.JSON, ride);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("weir.raw.rides", null, now.toEpochMilli(), bike,
                envelope.toValue(), envelope.headers());
        record.headers().add("weir-schema-version", "1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG,
                "all", ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262144),
                new StringSerializer(), new ByteArraySerializer());
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl("bench"), postgres.username(), postgres.password());
    }

    static void sql(String database, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password())) {
            c.createStatement().execute(statement);
        }
    }

    static long count(String query) {
        try (Connection c = connection(); ResultSet r = c.createStatement().executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
        catch (Exception ex) {
            return -1;
        }
    }

    interface Condition {

        boolean holds();

    }

    static void waitFor(Condition condition, Duration timeout) throws InterruptedException {
        waitFor(condition, timeout, 200);
    }

    static void waitFor(Condition condition, Duration timeout, long pollMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(pollMillis);
        }
    }

}
