package dev.weir.example.todo;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The template's layering: transports (REST, gRPC, Kafka) → service → repository
 * (PostgreSQL).
 */
class TodoArchitectureTest {

    static JavaClasses todo;

    @BeforeAll
    static void importClasses() {
        todo = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weir.example.todo");
    }

    @Test
    void transportsNeverTouchRepositoriesOrSql() {
        noClasses().that()
            .areAnnotatedWith(RestController.class)
            .or()
            .containAnyMethodsThat(annotatedWith(KafkaListener.class))
            .or()
            .haveSimpleNameEndingWith("GrpcEndpoint")
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Repository.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(JdbcClient.class)
            .because("transports bind, validate and delegate to TodoService; the service owns rules and transactions")
            .check(todo);
    }

    @Test
    void repositoriesAreReachedOnlyThroughServices() {
        classes().that()
            .areAnnotatedWith(Repository.class)
            .should()
            .onlyBeAccessed()
            .byClassesThat(annotatedWith(Service.class).or(annotatedWith(Repository.class)))
            .because("SQL lives behind the service layer: add a TodoService method instead")
            .check(todo);
    }

}
