package dev.weir.analytics;

import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every Weir service follows (transport → service → repository, no cycles, SQL
 * in repositories, its own schema only: the warehouse it reads), and the Analytics
 * service's own: it never writes the warehouse.
 */
class AnalyticsArchitectureTest {

    static final ServiceArchitecture ANALYTICS = ServiceArchitecture.of("dev.weir.analytics")
        .schema("warehouse")
        .sqlAlsoIn("dev.weir.analytics.system.AnalyticsConfiguration",
                "it builds the service's pool as the read-only role (a data source, not a query): "
                        + "docs/analytics.md, the read-only role")
        .sqlAlsoIn("dev.weir.analytics.system.ReaderLogin",
                "under weir up it logs in once with Weir's own user to create the read-only login before the "
                        + "pool exists")
        .sqlAlsoIn("dev.weir.analytics.system.WarehouseReader",
                "the role's DDL (CREATE ROLE, GRANT SELECT), run once at start by ReaderLogin and the tests' "
                        + "warehouse, not the service's queries");

    static JavaClasses analytics;

    @BeforeAll
    static void importClasses() {
        analytics = ANALYTICS.classes();
    }

    @TestFactory
    Stream<DynamicTest> followsTheRulesOfEveryWeirService() {
        return ANALYTICS.rules();
    }

    @Test
    void nothingWritesTheWarehouse() {
        noClasses().should()
            .callMethod(JdbcClient.StatementSpec.class, "update")
            .because("the Analytics service only reads the warehouse (its role has SELECT only); the Pipeline "
                    + "service writes it")
            .check(analytics);
    }

}
