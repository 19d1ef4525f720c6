package dev.weir.edge;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

/** The layering of the Edge service. */
class EdgeArchitectureTest {

    static JavaClasses edge;

    @BeforeAll
    static void importClasses() {
        edge = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weir.edge");
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
            .because("controllers bind, validate and delegate: call the feature's service (ApiKeyService, "
                    + "ClientService, SigningKeys, UsageMeter), which owns the rules")
            .check(edge);
    }

    @Test
    void sqlLivesInRepositoriesOfItsFeature() {
        classes().that()
            .areAnnotatedWith(Repository.class)
            .should()
            .notBePublic()
            .andShould()
            .haveSimpleNameEndingWith("Repository")
            .because("another feature reaches a feature's data through its service; name the class *Repository")
            .check(edge);
        noClasses().that()
            .areNotAnnotatedWith(Repository.class)
            .should()
            .dependOnClassesThat()
            .areAssignableTo(JdbcClient.class)
            .because("SQL goes in a package-private *Repository of the feature")
            .check(edge);
    }

    @Test
    void servicesKnowNothingOfTheWeb() {
        noClasses().that()
            .areAnnotatedWith(Service.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "org.springframework.web.bind..")
            .because("one service method serves the admin API, the gate and the authorization server alike: "
                    + "report failures with WeirException")
            .check(edge);
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.weir.edge.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a feature that needs another's rule calls its service; move what both need to system")
            .check(edge);
    }

    @Test
    void noFieldInjectionAndNoStandardStreams() {
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.because("inject through constructors into final fields").check(edge);
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because("log with SLF4J placeholders").check(edge);
    }

}
