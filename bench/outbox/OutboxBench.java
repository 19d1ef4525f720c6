import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.platform.embedded.EmbeddedKafka;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.retail.RetailApplication;
import dev.weir.retail.customer.CustomerService;
import dev.weir.retail.system.VersionCondition;

/**
 * The outbox benchmark (bench/outbox/run.sh runs it): the Retail service with its relay,
 * an embedded PostgreSQL and an embedded Kafka broker, all started here in one JVM, as
 * {@code weir up} runs them, and a consumer of weir.events.retail. Each change sets a
 * random customer's country (of 10,000) to a new value, so each commits one event; two
 * loads make them: {@code CustomerService.changeCountry} called in the JVM (the
 * transaction, the outbox and the relay, without the HTTP stack), and {@code PUT
 * /customer/{id}} over HTTP (the whole REST path). For each load it prints:
 * <ol>
 * <li>commit → consumer latency at a fixed rate (open loop): the consumer's clock minus
 * the event's {@code time}, which PostgreSQL took when the row was written, just before
 * the commit (so this slightly over-states commit → consumer);</li>
 * <li>sustained committed changes/s with as many concurrent clients as asked (closed
 * loop), and the relay's backlog sampled each second;</li>
 * </ol>
 * and then Kafka's own ProducerPerformance (acks=all, 300-byte records) on the same
 * broker. Arguments: work directory, rate (changes/s), seconds per phase, concurrent
 * clients, ProducerPerformance records; system property {@code bench.tools.cp} is
 * ProducerPerformance's class path.
 */
public class OutboxBench {

    static final String TOPIC = "weir.events.retail";

    static final int CUSTOMERS = 10_000;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        long perfRecords = Long.parseLong(args[4]);
        System.out.printf(Locale.ROOT, "outbox benchmark, %s, %d cores, load average before: %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage());

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(work.resolve("postgres"), freePort(),
                Path.of(System.getProperty("user.home"), ".cache", "weir"));
                EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), freePort(), freePort())) {
            ConfigurableApplicationContext retail = RetailApplication.builder()
                .run("--server.port=0", "--weir.grpc.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=" + postgres.password(),
                        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--spring.main.banner-mode=off", "--logging.level.root=ERROR",
                        "--logging.level.dev.weir=WARN");
            try (Connection sql = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                    postgres.password())) {
                seed(sql);
                int port = ((WebServerApplicationContext) retail).getWebServer().getPort();
                List<Load> loads = List.of(new ServiceLoad(retail.getBean(CustomerService.class)), new RestLoad(port));
                try (EventConsumer events = new EventConsumer(kafka.bootstrapServers())) {
                    events.start();
                    // warm-up: JIT, pools, the relay's first batches
                    for (Load load : loads) {
                        load.openLoop(rate / 2, Math.max(5, seconds / 2), null);
                    }
                    events.awaitQuiet();
                    for (Load load : loads) {
                        Phase latency = new Phase(load.name() + ", open loop at " + rate + "/s");
                        events.phase = latency;
                        load.openLoop(rate, seconds, latency);
                        events.awaitCount(latency, latency.ok.get(), Duration.ofSeconds(120));
                        events.phase = null;
                        latency.print(seconds);
                        events.awaitQuiet();
                    }
                    for (Load load : loads) {
                        Phase throughput = new Phase(load.name() + ", closed loop, " + clients + " clients");
                        events.phase = throughput;
                        List<Long> backlog = new ArrayList<>();
                        AtomicBoolean sampling = new AtomicBoolean(true);
                        Thread sampler = Thread.ofPlatform().start(() -> {
                            while (sampling.get()) {
                                backlog.add(unpublished(postgres));
                                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                            }
                        });
                        load.closedLoop(clients, seconds, throughput);
                        sampling.set(false);
                        sampler.join();
                        long drainStart = System.nanoTime();
                        events.awaitCount(throughput, throughput.ok.get(), Duration.ofSeconds(120));
                        double drain = (System.nanoTime() - drainStart) / 1e9;
                        events.phase = null;
                        throughput.print(seconds);
                        System.out.printf(Locale.ROOT,
                                "  relay backlog each second (unpublished rows): %s%n"
                                        + "  after the load stopped, the last event reached the consumer in %.2f s%n",
                                backlog, drain);
                        events.awaitQuiet();
                    }
                }
            }
            finally {
                retail.close();
            }
            producerPerformance(kafka.bootstrapServers(), perfRecords);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    /** Customers to change, written directly (their creation is not measured). */
    static void seed(Connection sql) throws Exception {
        try (Statement statement = sql.createStatement()) {
            statement.execute("INSERT INTO retail.customer (customer_id, country) "
                    + "SELECT 'B' || g, 'Start' FROM generate_series(1, " + CUSTOMERS + ") g");
        }
    }

    static long unpublished(EmbeddedPostgres postgres) {
        try (Connection sql = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
                Statement statement = sql.createStatement();
                ResultSet rows = statement
                    .executeQuery("SELECT count(*) FROM retail.outbox WHERE published_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
        catch (Exception ex) {
            return -1;
        }
    }

    static void producerPerformance(String bootstrap, long records) throws Exception {
        String classPath = System.getProperty("bench.tools.cp");
        if (classPath == null || records <= 0) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("bench-perf", 6, (short) 1))).all().get();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-perf", "--num-records",
                Long.toString(records), "--record-size", "300", "--throughput", "-1", "--producer-props", "acks=all",
                "bootstrap.servers=" + bootstrap);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        process.waitFor();
        System.out.printf(Locale.ROOT, "Kafka ProducerPerformance, same broker, %,d records of 300 bytes, acks=all:%n  %s%n",
                records, last);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        }
        catch (Exception ex) {
            return "?";
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One measured phase: requests, their outcomes and latencies, and the events' latencies. */
    static final class Phase {

        final String name;

        final AtomicLong ok = new AtomicLong();

        final AtomicLong failed = new AtomicLong();

        final LongList httpMicros = new LongList();

        final LongList eventMicros = new LongList();

        volatile long startedAtMicros = Long.MAX_VALUE;

        volatile long endedAtMicros;

        Phase(String name) {
            this.name = name;
        }

        void print(int seconds) {
            long[] http = this.httpMicros.sorted();
            long[] event = this.eventMicros.sorted();
            double took = (this.endedAtMicros - this.startedAtMicros) / 1e6;
            System.out.printf(Locale.ROOT, "%s, %d s:%n", this.name, seconds);
            System.out.printf(Locale.ROOT,
                    "  committed changes: %,d in %.1f s (%,.0f/s, until the last answer), failed requests: %,d%n",
                    this.ok.get(), took, this.ok.get() / took, this.failed.get());
            System.out.printf(Locale.ROOT, "  change latency ms (from when due): p50 %.1f  p99 %.1f  max %.1f%n",
                    pct(http, 50),
                    pct(http, 99), pct(http, 100));
            System.out.printf(Locale.ROOT,
                    "  commit -> consumer latency ms (%,d events): p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    event.length, pct(event, 50), pct(event, 99), pct(event, 99.9), pct(event, 100));
        }

        static double pct(long[] sorted, double percentile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

    }

    /**
     * One change of a random customer's country, made {@code rate} times a second (open
     * loop) or by {@code clients} clients one after the other (closed loop).
     */
    abstract static class Load {

        static final int MAX_IN_FLIGHT = 256;

        final AtomicLong counter = new AtomicLong();

        final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

        final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        abstract String name();

        /** Makes one change; true when it committed. */
        abstract boolean change(int customer, String country) throws Exception;

        boolean changeOne() throws Exception {
            return change(ThreadLocalRandom.current().nextInt(1, CUSTOMERS + 1),
                    "Country " + this.counter.incrementAndGet());
        }

        /** {@code rate} changes a second, each started on time whatever the others do. */
        void openLoop(int rate, int seconds, Phase phase) throws InterruptedException {
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            if (phase != null) {
                phase.startedAtMicros = nowMicros();
            }
            long total = (long) rate * seconds;
            AtomicLong outstanding = new AtomicLong();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // at most MAX_IN_FLIGHT at once; a change that waits for a slot is late,
                // and its latency counts from when it was due
                this.inFlight.acquire();
                outstanding.incrementAndGet();
                this.threads.execute(() -> {
                    boolean ok;
                    try {
                        ok = changeOne();
                    }
                    catch (Exception ex) {
                        ok = false;
                    }
                    if (phase != null) {
                        phase.httpMicros.add((System.nanoTime() - due) / 1000);
                        (ok ? phase.ok : phase.failed).incrementAndGet();
                    }
                    outstanding.decrementAndGet();
                    this.inFlight.release();
                });
            }
            while (outstanding.get() > 0) {
                Thread.sleep(5);
            }
            if (phase != null) {
                phase.endedAtMicros = nowMicros();
            }
        }

        /** {@code clients} clients, each making its next change when the last one is done. */
        void closedLoop(int clients, int seconds, Phase phase) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            phase.startedAtMicros = nowMicros();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    executor.submit(() -> {
                        while (System.nanoTime() < end) {
                            long sent = System.nanoTime();
                            boolean ok;
                            try {
                                ok = changeOne();
                            }
                            catch (Exception ex) {
                                ok = false;
                            }
                            phase.httpMicros.add((System.nanoTime() - sent) / 1000);
                            (ok ? phase.ok : phase.failed).incrementAndGet();
                        }
                        return null;
                    });
                }
            }
            phase.endedAtMicros = nowMicros();
        }

    }

    /** PUT /customer/{id} over HTTP: the whole REST path. */
    static final class RestLoad extends Load {

        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        final String base;

        RestLoad(int port) {
            this.base = "http://127.0.0.1:" + port + "/customer/B";
        }

        @Override
        String name() {
            return "REST PUT /customer/{id}";
        }

        @Override
        boolean change(int customer, String country) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + customer))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"country\": \"" + country + "\"}"))
                .build();
            return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }

    }

    /**
     * CustomerService.changeCountry called in the service's JVM: the transaction, the
     * outbox and the relay without the HTTP stack.
     */
    static final class ServiceLoad extends Load {

        final CustomerService customers;

        ServiceLoad(CustomerService customers) {
            this.customers = customers;
        }

        @Override
        String name() {
            return "CustomerService.changeCountry";
        }

        @Override
        boolean change(int customer, String country) {
            this.customers.changeCountry("B" + customer, country, VersionCondition.ANY);
            return true;
        }

    }

    /** Reads weir.events.retail from its end and times each event against its {@code time}. */
    static final class EventConsumer implements AutoCloseable {

        final KafkaConsumer<byte[], byte[]> consumer;

        final AtomicLong received = new AtomicLong();

        final AtomicLong lastReceivedNanos = new AtomicLong(System.nanoTime());

        volatile Phase phase;

        volatile boolean running = true;

        Thread thread;

        EventConsumer(String bootstrap) {
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void start() throws InterruptedException {
            // the relay creates the topic when it first reaches Kafka
            while (!this.consumer.listTopics(Duration.ofSeconds(5)).containsKey(TOPIC)) {
                Thread.sleep(100);
            }
            List<TopicPartition> partitions = this.consumer.partitionsFor(TOPIC)
                .stream()
                .map((p) -> new TopicPartition(TOPIC, p.partition()))
                .toList();
            this.consumer.assign(partitions);
            this.consumer.seekToEnd(partitions);
            partitions.forEach(this.consumer::position);
            this.thread = Thread.ofPlatform().name("bench-consumer").start(this::consume);
        }

        void consume() {
            while (this.running) {
                for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(50))) {
                    long now = nowMicros();
                    this.received.incrementAndGet();
                    this.lastReceivedNanos.set(System.nanoTime());
                    Phase current = this.phase;
                    if (current != null) {
                        long time = eventTimeMicros(record.value());
                        if (time >= current.startedAtMicros) {
                            current.eventMicros.add(now - time);
                        }
                    }
                }
            }
        }

        /** The CloudEvent's "time", read straight from the JSON. */
        static long eventTimeMicros(byte[] value) {
            String json = new String(value, StandardCharsets.UTF_8);
            int at = json.indexOf("\"time\":\"") + 8;
            String time = json.substring(at, json.indexOf('"', at));
            Instant instant = OffsetDateTime.parse(time).toInstant();
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        }

        void awaitCount(Phase phase, long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (phase.eventMicros.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        void awaitQuiet() throws InterruptedException {
            while (System.nanoTime() - this.lastReceivedNanos.get() < Duration.ofSeconds(2).toNanos()) {
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws InterruptedException {
            this.running = false;
            if (this.thread != null) {
                this.thread.join();
            }
            this.consumer.close();
        }

    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** A growable list of longs, safe for several writers. */
    static final class LongList {

        private long[] values = new long[1 << 16];

        private int size;

        synchronized void add(long value) {
            if (this.size == this.values.length) {
                this.values = Arrays.copyOf(this.values, this.size * 2);
            }
            this.values[this.size++] = value;
        }

        synchronized int size() {
            return this.size;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(this.values, this.size);
            Arrays.sort(copy);
            return copy;
        }

    }

}
