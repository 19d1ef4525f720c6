package dev.weir.retail;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.weir.testing.architecture.ServiceArchitecture;

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

}
