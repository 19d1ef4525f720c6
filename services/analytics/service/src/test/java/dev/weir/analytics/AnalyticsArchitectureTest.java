package dev.weir.analytics;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

/** The layering every Weir service follows: transport → service → repository. */
class AnalyticsArchitectureTest {

    static JavaClasses analytics;

    @BeforeAll
    static void importClasses() {
        analytics = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weir.analytics");
    }

    @Test
    void controllersNeverTouchRepositoriesOrSql() {
        noClasses().that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Repository.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(JdbcClient.class)
            .because("controllers only bind, validate and delegate: call the feature's *Service, "
                    + "which keeps the answers per dataset version")
            .check(analytics);
    }

    @Test
    void repositoriesAreUsedOnlyByServicesAndArePackagePrivate() {
        classes().that()
            .areAnnotatedWith(Repository.class)
            .should()
            .onlyBeAccessed()
            .byClassesThat(annotatedWith(Service.class).or(annotatedWith(Repository.class)))
            .because("a feature's SQL is reached through its *Service (e.g. the pipeline view through "
                    + "PipelineHealthService, the versions through DataVersions)")
            .check(analytics);
        classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(analytics);
    }

    @Test
    void servicesKnowNothingOfHttp() {
        noClasses().that()
            .areAnnotatedWith(Service.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(ResponseEntity.class)
            .because("services answer with Fresh<T> and WeirException; HttpAnswers turns them into responses")
            .check(analytics);
    }

    @Test
    void nothingWritesTheWarehouse() {
        noClasses().should()
            .callMethod(JdbcClient.StatementSpec.class, "update")
            .because("the Analytics service only reads the warehouse (its role has SELECT only); the Pipeline "
                    + "service writes it")
            .check(analytics);
    }

    @Test
    void noStandardStreamsAndNoFieldInjection() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because("services log with SLF4J, with placeholders")
            .check(analytics);
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.because("use constructor injection and final fields").check(analytics);
    }

}
