package dev.weir.retail;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.weir.retail.importer.RetailImporter;
import dev.weir.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * The rules every Weir service follows (transport → service → repository, no cycles, SQL
 * in repositories, its own schema only), and the Retail service's own.
 */
class RetailArchitectureTest {

    static final ServiceArchitecture RETAIL = ServiceArchitecture.of("dev.weir.retail")
        .schema("retail")
        .generatedApi("dev.weir.retail.api")
        .sqlAlsoIn("dev.weir.retail.importer",
                "the bulk import runs outside Spring, on one connection it owns from the first byte read to the "
                        + "commit: COPY, keys set aside and added back (docs/import.md)")
        .sqlAlsoIn("dev.weir.retail.outbox.LeaderConnection",
                "the relay leads while it holds a session-level advisory lock, so its reads and marks run on the "
                        + "connection that holds it (docs/design/outbox.md)")
        .sqlAlsoIn("dev.weir.retail.outbox.NotificationListener",
                "LISTEN holds a connection of its own for as long as the relay runs (docs/design/outbox.md)")
        .sqlAlsoIn("dev.weir.retail.outbox.CommitSignal",
                "NOTIFY after a commit, on a connection of its own, so commits never take turns "
                        + "(docs/design/outbox.md)")
        .sqlAlsoIn("dev.weir.retail.system.RetailSchema",
                "Flyway migrates the schema through the DataSource, also for an import that runs before the service "
                        + "ever has");

    @TestFactory
    Stream<DynamicTest> followsTheRulesOfEveryWeirService() {
        return RETAIL.rules();
    }

    @Test
    void theImporterHasOneDoor() {
        classes().that()
            .resideInAPackage("dev.weir.retail.importer")
            .and()
            .arePublic()
            .and()
            .areTopLevelClasses()
            .should()
            .haveNameMatching("dev\\.weir\\.retail\\.importer\\.(RetailImporter|ImportReport|ImportFormat|ImportRule"
                    + "|RejectReason|ImportProgress|ImportFormatException|ImportFailedException)")
            .because("the importer's one door is RetailImporter.importFile, and what passes through it is public "
                    + "(the report and its vocabulary, the progress it reports, the failures it throws): keep "
                    + "everything else package-private")
            .check(RETAIL.classes());
        methods().that()
            .areDeclaredIn(RetailImporter.class)
            .and()
            .arePublic()
            .should()
            .haveName("importFile")
            .andShould()
            .beStatic()
            .because("the CLI imports through RetailImporter.importFile(dataSource, file, progress) alone, which "
                    + "also brings the schema up to date")
            .check(RETAIL.classes());
        constructors().that()
            .areDeclaredInClassesThat()
            .resideInAPackage("dev.weir.retail.importer")
            .and()
            .areDeclaredInClassesThat()
            .areAssignableTo(RuntimeException.class)
            .should()
            .notBePublic()
            .because("only the importer fails an import")
            .check(RETAIL.classes());
    }

}
