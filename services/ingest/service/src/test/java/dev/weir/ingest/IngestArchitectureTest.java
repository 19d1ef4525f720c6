package dev.weir.ingest;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of the Ingest service. */
class IngestArchitectureTest {

    static JavaClasses ingest;

    @BeforeAll
    static void importClasses() {
        ingest = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weir.ingest");
    }

    @Test
    void theAdminApiOnlyBindsAndDelegates() {
        noClasses().that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Repository.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(JdbcClient.class)
            .because("controllers bind, validate and delegate: call ConnectorCatalog, ConnectorRuns or "
                    + "ConnectorSchedules, which own the rules")
            .check(ingest);
    }

    @Test
    void repositoriesStayInTheirFeature() {
        classes().that()
            .areAnnotatedWith(Repository.class)
            .should()
            .notBePublic()
            .andShould(onlyBeAccessedWithinTheirPackage())
            .because("other features reach a feature's data through its public service "
                    + "(ConnectorCatalog, ConnectorRuns, StreamCatalog, PushService)")
            .check(ingest);
    }

    @Test
    void servicesKnowNothingOfTheWeb() {
        noClasses().that()
            .areAnnotatedWith(Service.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
            .because("one service method serves the admin API, the CLI and the schedules alike: report failures "
                    + "with WeirException")
            .check(ingest);
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

    /** A repository is the SQL of its feature: only classes of its own package use it. */
    private static ArchCondition<JavaClass> onlyBeAccessedWithinTheirPackage() {
        return new ArchCondition<>("only be accessed by classes of their own package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                repository.getDirectDependenciesToSelf()
                    .stream()
                    .filter((dependency) -> !dependency.getOriginClass()
                        .getPackageName()
                        .equals(repository.getPackageName()))
                    .forEach((dependency) -> events
                        .add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
            }
        };
    }

    @Test
    void noStandardStreamsAndNoFieldInjection() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because("services log with SLF4J, with placeholders").check(ingest);
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.because("use constructor injection and final fields").check(ingest);
    }

}
