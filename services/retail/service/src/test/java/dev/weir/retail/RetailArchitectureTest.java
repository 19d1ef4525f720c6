package dev.weir.retail;

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

import dev.weir.platform.web.spi.FastGetRoute;
import io.grpc.BindableService;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

/** The layering every Weir service follows: transport → service → repository. */
class RetailArchitectureTest {

    static JavaClasses retail;

    @BeforeAll
    static void importClasses() {
        // the service's own classes, not the generated retail.v1 API (weir-retail-api)
        retail = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption((location) -> !location.contains("/dev/weir/retail/api/"))
            .importPackages("dev.weir.retail");
    }

    @Test
    void transportsNeverTouchRepositoriesOrSql() {
        noClasses().that()
            .areAnnotatedWith(RestController.class)
            .or()
            .implement(FastGetRoute.class)
            .or()
            .areAssignableTo(BindableService.class)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Repository.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(JdbcClient.class)
            .because("transports only bind, validate and delegate: call the feature's *Service, "
                    + "which owns the transaction and the rules")
            .check(retail);
    }

    @Test
    void repositoriesAreUsedOnlyByTheServiceOfTheirFeature() {
        classes().that()
            .areAnnotatedWith(Repository.class)
            .should()
            .onlyBeAccessed()
            .byClassesThat(annotatedWith(Service.class).or(annotatedWith(Repository.class)))
            .because("other features reach a feature's data through its public *Service "
                    + "(e.g. InvoiceService calls CustomerService, not CustomerRepository)")
            .check(retail);
        classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(retail);
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
            .because("one service method serves REST, gRPC and Kafka alike: report failures with "
                    + "WeirException and let each transport map them")
            .check(retail);
    }

    @Test
    void servicesKnowNothingOfGrpc() {
        noClasses().that()
            .areAnnotatedWith(Service.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.grpc..", "com.google.protobuf..", "dev.weir.retail.api..")
            .because("gRPC endpoints bind messages to the *Request records and map results to messages; "
                    + "the service layer takes and returns the domain's own types")
            .check(retail);
    }

    @Test
    void grpcEndpointsAreNamedSoAndStayInTheirFeature() {
        classes().that()
            .areAssignableTo(BindableService.class)
            .should()
            .haveSimpleNameEndingWith("GrpcEndpoint")
            .andShould()
            .notBePublic()
            .because("one *GrpcEndpoint per feature package, next to its *Controller")
            .check(retail);
    }

    @Test
    void noStandardStreamsAndNoFieldInjection() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because("services log with SLF4J, with placeholders").check(retail);
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.because("use constructor injection and final fields").check(retail);
    }

}
