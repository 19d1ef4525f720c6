package dev.weir.testing.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Each rule passes on a service that follows it and fails on classes that break it (one
 * small package per broken rule, under {@code fixture}).
 */
class ServiceArchitectureTest {

    private static final String FIXTURES = "dev.weir.testing.architecture.fixture.";

    @TempDir
    Path sources;

    @Test
    void passesEveryRuleForAServiceThatFollowsThem() throws IOException {
        mainSource("java/Orders.java", "String SQL = \"SELECT id FROM shop.orders JOIN shop.customer c USING (id)\";");
        mainSource("resources/db/shop/V1__shop.sql", "CREATE TABLE orders (id text REFERENCES customer);");

        assertThat(failures(rules("good"))).isEmpty();
    }

    @Test
    void findsACycleBetweenFeaturePackages() throws IOException {
        assertThat(failures(rules("cycle"))).containsOnlyKeys("feature packages have no cycles");
        assertThat(failures(rules("cycle")).get("feature packages have no cycles")).contains("customer", "order");
    }

    @Test
    void findsAControllerThatReadsARepository() throws IOException {
        assertThat(failures(rules("transport"))).containsOnlyKeys("transports never touch repositories or SQL",
                "repositories are used only by their feature's services");
    }

    @Test
    void findsSqlOutsideRepositoriesUnlessItIsANamedException() throws IOException {
        assertThat(failures(rules("sqlinservice"))).containsOnlyKeys("SQL lives only in repositories");

        var excepted = rules("sqlinservice").sqlAlsoIn(FIXTURES + "sqlinservice.Things", "a test of exceptions");
        assertThat(failures(excepted)).isEmpty();
    }

    @Test
    void findsAnSqlExceptionThatNoLongerMatchesAnything() throws IOException {
        var stale = rules("good").sqlAlsoIn(FIXTURES + "good.order.OrderImporter", "was renamed");

        assertThat(failures(stale)).containsOnlyKeys("SQL lives only in repositories");
        assertThat(failures(stale).get("SQL lives only in repositories")).contains("OrderImporter", "Delete them");
    }

    @Test
    void findsFieldInjectionAndStandardStreams() throws IOException {
        assertThat(failures(rules("fieldinjection"))).containsOnlyKeys("no field injection");
        assertThat(failures(rules("streams"))).containsOnlyKeys("no standard streams");
    }

    @Test
    void findsARepositoryUsedByAnotherFeatureAndAPublicOne() throws IOException {
        assertThat(failures(rules("repositoryaccess"))).containsOnlyKeys(
                "repositories are used only by their feature's services", "repositories are package-private");
        assertThat(failures(rules("publicrepository"))).containsOnlyKeys("repositories are package-private");
    }

    @Test
    void findsAServiceThatSpeaksHttp() throws IOException {
        assertThat(failures(rules("servicehttp"))).containsOnlyKeys("services know nothing of HTTP or gRPC");
    }

    @Test
    void findsSqlThatNamesAnotherServicesSchemaAndTheirMigrations() throws IOException {
        mainSource("java/Peek.java", """
                String SQL = \"""
                        SELECT s.name FROM shop.thing s
                        JOIN warehouse.sale w ON w.thing = s.name
                        \""";
                """);
        mainSource("resources/db/ingest/V1__ingest.sql", "CREATE TABLE run (id bigint);");

        String failure = failures(rules("good")).get("no SQL or migration names another service's schema");

        assertThat(failure).contains("Peek.java:3 names schema 'warehouse'", "migrations of schema 'ingest'")
            .doesNotContain("names schema 'shop'");
        assertThat(failures(rules("good"))).containsOnlyKeys("no SQL or migration names another service's schema");
    }

    @Test
    void leavesProseColumnsInFunctionsAndThePostgresCatalogueAlone() throws IOException {
        mainSource("java/Notes.java", """
                // reads from shop.thing, copied from docs.md; see also RetailSchema.configure
                String SQL = "SELECT 1 FROM pg_catalog.pg_class JOIN information_schema.tables t ON t.x = 1";
                String VERSION = "SELECT (extract(epoch FROM i.updated_at) * 1000000)::bigint FROM shop.thing i";
                """);

        assertThat(failures(rules("good"))).isEmpty();
    }

    @Test
    void asksForTheSchemaTheServiceOwns() {
        assertThatIllegalStateException().isThrownBy(() -> ServiceArchitecture.of(FIXTURES + "good").rules())
            .withMessageContaining("schema");
    }

    private ServiceArchitecture rules(String fixture) throws IOException {
        Files.createDirectories(this.sources);
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + fixture);
        return ServiceArchitecture.of(FIXTURES + fixture).schema("shop").on(classes, this.sources);
    }

    private void mainSource(String path, String text) throws IOException {
        Path file = this.sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The rules that fail, by name, with their messages. */
    private static Map<String, String> failures(ServiceArchitecture rules) {
        Map<String, String> failed = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        rules.rules().forEach((DynamicTest rule) -> {
            names.add(rule.getDisplayName());
            try {
                rule.getExecutable().execute();
            }
            catch (AssertionError ex) {
                failed.put(rule.getDisplayName(), ex.getMessage());
            }
            catch (Throwable ex) {
                throw new IllegalStateException(rule.getDisplayName() + " failed to run", ex);
            }
        });
        assertThat(names).hasSize(10);
        return failed;
    }

}
