package dev.weir.pipeline;

import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.weir.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every Weir service follows (transport → service → repository, no cycles, SQL
 * in repositories, its own schema only), and the Pipeline service's own: a dataset plugs
 * in only through the SPI.
 */
class PipelineArchitectureTest {

    static final ServiceArchitecture PIPELINE = ServiceArchitecture.of("dev.weir.pipeline")
        .schema("warehouse")
        .sqlAlsoIn("dev.weir.pipeline.retail.RetailExportReader",
                "the export read holds a session-level advisory lock on a connection of its own for as long as it "
                        + "reads, so one replica reads the Retail export at a time; a lock, not a query "
                        + "(docs/pipeline.md, retail)");

    static JavaClasses pipeline;

    @BeforeAll
    static void importClasses() {
        pipeline = PIPELINE.classes();
    }

    @TestFactory
    Stream<DynamicTest> followsTheRulesOfEveryWeirService() {
        return PIPELINE.rules();
    }

    @Test
    void datasetsPlugInOnlyThroughTheSpi() {
        noClasses().that()
            .resideInAnyPackage("dev.weir.pipeline.fhrs..", "dev.weir.pipeline.weather..",
                    "dev.weir.pipeline.mobility..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.weir.pipeline.clean..", "dev.weir.pipeline.load..", "dev.weir.pipeline.dlq..",
                    "dev.weir.pipeline.reconcile..")
            .because("a dataset is its Dataset and Cleaner (dev.weir.pipeline.spi): the stages find it, not the "
                    + "other way round, so a new dataset touches nothing else")
            .check(pipeline);
    }

}
