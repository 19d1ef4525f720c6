// The analytics benchmark's server side, run by run.sh as a single-file program on the analytics module's
// test class path: an embedded PostgreSQL 17 with the full data sets loaded the pipeline loader's way (and
// the cost of the aggregates to that loader measured against plain COPY), then two Analytics services on
// it, one keeping answers (as configured by default) and one computing every answer (cache off). It writes
// <work>/ready with the ports and waits until it is killed.
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.analytics.AnalyticsApplication;
import dev.weir.analytics.support.Loading;
import dev.weir.analytics.support.SampleData;
import dev.weir.analytics.support.Sources;
import dev.weir.analytics.system.WarehouseReader;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestTokens;
import dev.weir.testing.infra.TestTokensInitializer;

public class AnalyticsBench {

    static EmbeddedPostgres postgres;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int pgPort = Integer.parseInt(args[1]);
        int cachedPort = Integer.parseInt(args[2]);
        int uncachedPort = Integer.parseInt(args[3]);
        int loadRuns = Integer.parseInt(args[4]);
        postgres = EmbeddedPostgres.start(work.resolve("postgres"), pgPort,
                Path.of(System.getProperty("user.home"), ".cache", "weir"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> postgres.stop()));

        List<Sources.RetailLine> retail = SampleData.retail(Integer.MAX_VALUE);
        log("Online Retail: %,d lines (exact repeats left out)", retail.size());

        // the aggregates' cost to the loader, on fresh databases, alternating, loadRuns times each
        List<Double> copy = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> aggregated = new ArrayList<>();
        for (int run = 1; run <= loadRuns; run++) {
            copy.add(time("copy_" + run, false, (ds) -> Loading.retailCopy(ds, retail)));
            plain.add(time("plain_" + run, false, (ds) -> Loading.retail(ds, retail, 5000)));
            aggregated.add(time("aggregated_" + run, true, (ds) -> Loading.retail(ds, retail, 5000)));
            log("load run %d: COPY %.2f s; loader path without aggregates %.2f s; with aggregates %.2f s", run,
                    copy.get(run - 1), plain.get(run - 1), aggregated.get(run - 1));
        }
        if (loadRuns > 0) {
            double c = median(copy);
            double p = median(plain);
            double a = median(aggregated);
            log("RESULT load medians: COPY %.2f s | loader without aggregates %.2f s (%.2fx COPY speed) | "
                + "loader with aggregates %.2f s (%.2fx COPY speed; aggregates cost %.0f%%)", c, p, c / p, a, c / a,
                    100 * (a - p) / p);
        }

        // the served warehouse: everything, the loader's way, with the aggregates
        String url = database("weir");
        DataSource owner = owner(url);
        migrate(owner);
        Loading.retail(owner, retail, 5000);
        Loading.establishments(owner, SampleData.establishments(), 5000);
        Loading.weather(owner, SampleData.weather());
        Loading.trips(owner, SampleData.trips(), 5000);
        Loading.telemetry(owner, SampleData.telemetry(), 5000);
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            WarehouseReader.ensure(connection, WarehouseReader.LOGIN, "bench");
            statement.execute("VACUUM ANALYZE");
        }
        log("served warehouse loaded");

        ConfigurableApplicationContext cached = start(url, cachedPort, true);
        ConfigurableApplicationContext uncached = start(url, uncachedPort, false);
        // the services check the edge's token: the bench signs one as the tests do
        Files.writeString(work.resolve("auth"), TestTokens.bearer("analytics.read"));
        Files.writeString(work.resolve("ready"), "pg_port=" + pgPort + "\ncached=" + cachedPort + "\nuncached="
                + uncachedPort + "\npg_user=" + postgres.username() + "\n");
        log("READY");
        Thread.currentThread().join();
        cached.close();
        uncached.close();
    }

    interface Load {

        void into(DataSource dataSource) throws Exception;

    }

    static double time(String name, boolean aggregates, Load load) throws Exception {
        String url = database(name);
        DataSource owner = owner(url);
        migrate(owner);
        if (!aggregates) {
            try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : List.of("retail_customer", "retail_product", "retail_invoice",
                        "retail_invoice_line")) {
                    statement.execute("ALTER TABLE warehouse." + table + " DISABLE TRIGGER USER");
                }
            }
        }
        long start = System.nanoTime();
        load.into(owner);
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + name);
        }
        return seconds;
    }

    static String database(String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.jdbcUrl(name);
    }

    static DataSource owner(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }

    static void migrate(DataSource owner) {
        Flyway.configure()
            .dataSource(owner)
            .schemas("warehouse")
            .defaultSchema("warehouse")
            .locations("classpath:db/warehouse")
            .load()
            .migrate();
    }

    static ConfigurableApplicationContext start(String url, int port, boolean cache) {
        return AnalyticsApplication.builder()
            .properties("spring.main.banner-mode=off")
            .initializers(new TestTokensInitializer())
            .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + WarehouseReader.LOGIN,
                    "--spring.datasource.password=bench", "--server.port=" + port,
                    "--weir.analytics.cache.enabled=" + cache, "--weir.analytics.kafka.enabled=false",
                    "--spring.datasource.hikari.maximum-pool-size=16", "--logging.level.root=WARN");
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return (sorted.get((n - 1) / 2) + sorted.get(n / 2)) / 2;
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
        System.out.flush();
    }

}
