package dev.weir.ingest;

import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.weir.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules every Weir service follows (transport → service → repository, no cycles, SQL
 * in repositories, its own schema only), and the Ingest service's own: the parts of pull
 * connectors depend on each other one way.
 */
class IngestArchitectureTest {

    static final ServiceArchitecture INGEST = ServiceArchitecture.of("dev.weir.ingest")
        .schema("ingest")
        .sqlAlsoIn("dev.weir.ingest.pull.run.RunLock",
                "the run lock is ShedLock's row: it reads the holder and frees a lock whose holder is gone, next to "
                        + "the lock provider that takes it (docs/design/pull-connectors.md)")
        .sqlAlsoIn("dev.weir.ingest.lake.Staging",
                "the lake's staging file is an in-process DuckDB database, not the service's PostgreSQL: it appends "
                        + "a part's rows and writes them out as Parquet (docs/design/lake-commits.md)")
        .sqlAlsoIn("dev.weir.ingest.lake.FileLakeStorage",
                "reading the lake back (weir lake, tests) is DuckDB over the Parquet files, not the service's "
                        + "database");

    static JavaClasses ingest;

    @BeforeAll
    static void importClasses() {
        ingest = INGEST.classes();
    }

    @TestFactory
    Stream<DynamicTest> followsTheRulesOfEveryWeirService() {
        return INGEST.rules();
    }

    @Test
    void theSpiAndTheDefinitionsDependOnNothingOfTheEngine() {
        noClasses().that()
            .resideInAPackage("dev.weir.ingest.pull.spi")
            .should()
            .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.weir.ingest..")
                .and(JavaClass.Predicates.resideOutsideOfPackage("dev.weir.ingest.pull.spi")))
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("the SPI is the plug-in point: its own small value types, no YAML records, no engine, no "
                    + "Spring, so a Java connector depends on nothing that may change under it")
            .check(ingest);
        noClasses().that()
            .resideInAnyPackage("dev.weir.ingest.pull.definition..", "dev.weir.ingest.pull.kinds..",
                    "dev.weir.ingest.pull.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.weir.ingest.pull.run..")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("dev.weir.ingest.pull")
            .because("a connector is a definition plus SPI parts; the engine uses them, never the reverse "
                    + "(so no connector can reach around the engine's checkpoints, budget or masking)")
            .check(ingest);
        noClasses().that()
            .resideInAPackage("dev.weir.ingest.pull.definition..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.weir.ingest.pull.kinds..", "dev.weir.ingest.pull.http..")
            .because("definitions are read and validated without the parts that run them: the engine picks the "
                    + "declarative kinds for a definition, a Java connector brings its own (DefinedConnector)")
            .check(ingest);
        noClasses().that()
            .resideInAPackage("dev.weir.ingest.pull.run..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.weir.ingest.pull")
            .because("transports and schedules call the engine, not the reverse")
            .check(ingest);
    }

    @Test
    void thePartsOfPullConnectorsHaveNoCycles() {
        slices().matching("dev.weir.ingest.(pull).(*)..")
            .should()
            .beFreeOfCycles()
            .because("pull.spi <- pull.definition <- pull.kinds, pull.http <- pull.run <- pull: each part depends "
                    + "only on the ones before it; move a type to where both sides can see it")
            .check(ingest);
    }

}
