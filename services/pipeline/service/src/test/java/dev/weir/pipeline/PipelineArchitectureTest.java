package dev.weir.pipeline;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of the Pipeline service. */
class PipelineArchitectureTest {

    static JavaClasses pipeline;

    @BeforeAll
    static void importClasses() {
        pipeline = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weir.pipeline");
    }

    @Test
    void controllersOnlyBindAndDelegate() {
        noClasses().that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Repository.class)
            .because("controllers bind, validate and delegate: call the feature's *Service, which owns the rules")
            .check(pipeline);
    }

    @Test
    void repositoriesArePrivateToTheirFeature() {
        classes().that()
            .areAnnotatedWith(Repository.class)
            .should()
            .notBePublic()
            .because("other features reach a feature's data through its public service, never its SQL")
            .check(pipeline);
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

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.weir.pipeline.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a cycle between features means one of them is in the wrong place: move the shared piece "
                    + "to spi or system")
            .check(pipeline);
    }

    @Test
    void servicesLogAndInjectProperly() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because("services log with SLF4J, with placeholders").check(pipeline);
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.because("use constructor injection and final fields").check(pipeline);
    }

}
