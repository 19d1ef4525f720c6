package dev.weir.testing.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.DynamicTest;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every Weir service obeys, checked on one service's own classes
 * (its root package, without its tests or its generated API) and its main sources. Each
 * service's architecture test runs them all, as one JUnit test per rule:
 *
 * <pre class="code">
 * class RetailArchitectureTest {
 *
 *     static final ServiceArchitecture RETAIL = ServiceArchitecture.of("dev.weir.retail")
 *         .schema("retail")
 *         .generatedApi("dev.weir.retail.api")
 *         .sqlAlsoIn("dev.weir.retail.importer", "the bulk import streams COPY ...");
 *
 *     &#64;TestFactory
 *     Stream&lt;DynamicTest&gt; followsTheRulesOfEveryWeirService() {
 *         return RETAIL.rules();
 *     }
 *
 * }
 * </pre>
 *
 * The rules: transports (controllers, fast GET routes, gRPC endpoints, Kafka listeners)
 * never touch repositories or SQL; repositories are package-private and used only by the
 * service layer of their own feature package; services know nothing of HTTP or gRPC; gRPC
 * endpoints are package-private {@code *GrpcEndpoint}s; feature packages have no cycles;
 * SQL ({@code JdbcClient}, {@code JdbcTemplate}, {@code DataSource}, {@code Connection},
 * ...) only in {@code *Repository} classes, apart from exceptions named with a reason; no
 * field injection; no standard streams; and the service's SQL and migrations name no
 * schema but its own. Rules that are truly one service's own stay in that service's test.
 * <p>
 * Types are matched by name, so this module depends on no web, gRPC, Kafka or JDBC
 * library: a service that has no gRPC endpoints simply has none to check.
 */
public final class ServiceArchitecture {

    private static final String REPOSITORY = "org.springframework.stereotype.Repository";

    private static final String SERVICE = "org.springframework.stereotype.Service";

    private static final String CONTROLLER = "org.springframework.stereotype.Controller";

    private static final String FAST_GET_ROUTE = "dev.weir.platform.web.spi.FastGetRoute";

    private static final String BINDABLE_SERVICE = "io.grpc.BindableService";

    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";

    /** Schemas of PostgreSQL itself, which any service may read. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_temp");

    /**
     * A table (or sequence, type...) named with its schema where SQL names a relation:
     * {@code FROM retail.invoice}, {@code JOIN ingest.run}, {@code INTO ...},
     * {@code UPDATE ...}, {@code TABLE ...}, {@code REFERENCES ...}, {@code COPY ...}.
     * SQL keywords are upper case in Weir's code, which keeps prose out.
     */
    private static final Pattern QUALIFIED_RELATION = Pattern.compile(
            "\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|COPY|TRUNCATE|LOCK TABLE)\\s+(?:ONLY\\s+|IF EXISTS\\s+|IF NOT EXISTS\\s+)?"
                    + "\"?([a-z_][a-z0-9_]*)\"?\\.\"?([a-z_][a-z0-9_]*)");

    /**
     * What precedes a {@code FROM} inside a function's arguments, where the name after it
     * is a column, not a relation: {@code extract(epoch FROM i.updated_at)},
     * {@code trim(both FROM ...)}.
     */
    private static final Pattern FUNCTION_ARGUMENT = Pattern.compile("\\(\\s*\\w+\\s*$");

    private final String rootPackage;

    private final String schema;

    private final List<String> generatedApiPackages;

    private final Map<String, String> sqlExceptions;

    private final Path mainSources;

    private final JavaClasses importedClasses;

    private JavaClasses classes;

    private ServiceArchitecture(String rootPackage, String schema, List<String> generatedApiPackages,
            Map<String, String> sqlExceptions, Path mainSources, JavaClasses classes) {
        this.rootPackage = rootPackage;
        this.schema = schema;
        this.generatedApiPackages = List.copyOf(generatedApiPackages);
        this.sqlExceptions = new LinkedHashMap<>(sqlExceptions);
        this.mainSources = mainSources;
        this.importedClasses = classes;
    }

    /**
     * The rules for the service whose classes are in this package and below (its tests
     * and generated API left out), with its main sources in {@code src/main} of the
     * working directory (the module's, when Maven runs the test).
     */
    public static ServiceArchitecture of(String rootPackage) {
        return new ServiceArchitecture(rootPackage, null, List.of(), Map.of(), Path.of("src", "main"), null);
    }

    /**
     * The PostgreSQL schema the service owns: its SQL names no other, and its migrations
     * are in {@code db/<schema>}. Every service declares one.
     */
    public ServiceArchitecture schema(String schema) {
        return new ServiceArchitecture(this.rootPackage, schema, this.generatedApiPackages, this.sqlExceptions,
                this.mainSources, this.importedClasses);
    }

    /**
     * A package of code generated from the service's API ({@code .proto} messages and
     * stubs): left out of the checks, and services must not use it (endpoints map its
     * messages to the domain's types).
     */
    public ServiceArchitecture generatedApi(String packageName) {
        List<String> packages = new ArrayList<>(this.generatedApiPackages);
        packages.add(packageName);
        return new ServiceArchitecture(this.rootPackage, this.schema, packages, this.sqlExceptions, this.mainSources,
                this.importedClasses);
    }

    /**
     * A named exception to "SQL only in repositories": a class (its fully qualified name)
     * or a package and its subpackages (its name) that may use JDBC itself. The reason is
     * shown with every violation and should point at where the design is documented. An
     * exception that matches no class fails the check, so none outlives its reason.
     */
    public ServiceArchitecture sqlAlsoIn(String classOrPackage, String reason) {
        Map<String, String> exceptions = new LinkedHashMap<>(this.sqlExceptions);
        exceptions.put(classOrPackage, reason);
        return new ServiceArchitecture(this.rootPackage, this.schema, this.generatedApiPackages, exceptions,
                this.mainSources, this.importedClasses);
    }

    /** The rules on these classes and sources instead (the rules' own tests). */
    ServiceArchitecture on(JavaClasses classes, Path mainSources) {
        return new ServiceArchitecture(this.rootPackage, this.schema, this.generatedApiPackages, this.sqlExceptions,
                mainSources, classes);
    }

    /**
     * The service's classes, imported once: for the rules a service adds in its own test.
     */
    public synchronized JavaClasses classes() {
        if (this.classes == null) {
            this.classes = (this.importedClasses != null) ? this.importedClasses : importClasses();
        }
        return this.classes;
    }

    private JavaClasses importClasses() {
        List<String> generated = this.generatedApiPackages.stream()
            .map((name) -> "/" + name.replace('.', '/') + "/")
            .toList();
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption((location) -> generated.stream().noneMatch(location::contains))
            .importPackages(this.rootPackage);
    }

    /** Every rule, one test each, named by what it requires. */
    public Stream<DynamicTest> rules() {
        if (this.schema == null) {
            throw new IllegalStateException(
                    "Declare the schema " + this.rootPackage + " owns: ServiceArchitecture.of(...).schema(\"<name>\")");
        }
        Map<String, Runnable> checks = new LinkedHashMap<>();
        checks.put("transports never touch repositories or SQL", () -> check(transportsNeverTouchRepositoriesOrSql()));
        checks.put("repositories are used only by their feature's services",
                () -> check(repositoriesAreUsedOnlyByTheirFeaturesServices()));
        checks.put("repositories are package-private", () -> check(repositoriesArePackagePrivate()));
        checks.put("services know nothing of HTTP or gRPC", () -> check(servicesKnowNothingOfHttpOrGrpc()));
        checks.put("gRPC endpoints are package-private *GrpcEndpoints", () -> check(grpcEndpointsAreNamedSo()));
        checks.put("feature packages have no cycles", () -> check(featurePackagesHaveNoCycles()));
        checks.put("SQL lives only in repositories", this::checkSqlOnlyInRepositories);
        checks.put("no field injection", () -> check(noFieldInjection()));
        checks.put("no standard streams", () -> check(noStandardStreams()));
        checks.put("no SQL or migration names another service's schema", this::checkOwnSchemaOnly);
        return checks.entrySet()
            .stream()
            .map((check) -> DynamicTest.dynamicTest(check.getKey(), () -> check.getValue().run()));
    }

    private void check(ArchRule rule) {
        rule.check(classes());
    }

    // --- the rules

    ArchRule transportsNeverTouchRepositoriesOrSql() {
        return noClasses().that(transports())
            .should()
            .dependOnClassesThat(repositories().or(jdbc()))
            .because("transports (controllers, fast GET routes, gRPC endpoints, Kafka listeners) only bind, "
                    + "validate and delegate: call the feature's *Service, which owns the transaction and the rules, "
                    + "and put the SQL in its *Repository")
            .allowEmptyShould(true);
    }

    ArchRule repositoriesAreUsedOnlyByTheirFeaturesServices() {
        return ArchRuleDefinition.classes()
            .that(repositories())
            .should(beUsedOnlyByTheServiceLayerOfTheirPackage())
            .because("a repository is its feature's SQL: only the feature's own service layer uses it, never a "
                    + "transport; another feature calls the feature's public *Service (InvoiceService calls "
                    + "CustomerService, not CustomerRepository), which owns the transaction")
            .allowEmptyShould(true);
    }

    ArchRule repositoriesArePackagePrivate() {
        return ArchRuleDefinition.classes()
            .that(repositories())
            .and()
            .areTopLevelClasses()
            .should()
            .notBePublic()
            .because("a repository is its feature's own business: other packages call the feature's public "
                    + "*Service; drop the repository's 'public'")
            .allowEmptyShould(true);
    }

    ArchRule servicesKnowNothingOfHttpOrGrpc() {
        List<String> packages = new ArrayList<>(List.of("org.springframework.web..", "org.springframework.http..",
                "jakarta.servlet..", "io.grpc..", "com.google.protobuf..", "dev.weir.platform.web.."));
        this.generatedApiPackages.forEach((name) -> packages.add(name + ".."));
        return noClasses().that(annotated(SERVICE))
            .should()
            .dependOnClassesThat(resideInAnyPackage(packages.toArray(String[]::new)))
            .because("one service method serves REST, gRPC and Kafka alike: take and return the domain's own "
                    + "types, report failures as WeirException, and let each transport map them (ProblemAdvice, "
                    + "StatusMapping)")
            .allowEmptyShould(true);
    }

    ArchRule grpcEndpointsAreNamedSo() {
        return ArchRuleDefinition.classes()
            .that(assignableTo(BINDABLE_SERVICE))
            .and()
            .areNotInterfaces()
            .should()
            .haveSimpleNameEndingWith("GrpcEndpoint")
            .andShould()
            .notBePublic()
            .because("each feature package has one package-private *GrpcEndpoint, next to its *Controller, "
                    + "binding messages to the controller's request records")
            .allowEmptyShould(true);
    }

    ArchRule featurePackagesHaveNoCycles() {
        return slices().matching(this.rootPackage + ".(*)..")
            .namingSlices("feature package '$1'")
            .should()
            .beFreeOfCycles()
            .because("a feature package depends on another one way only: move what both need into a package of "
                    + "its own (as retail.identifier holds the identifier rules), or invert the dependency with a "
                    + "small interface in the package depended on (as retail.customer.CustomerInvoiceMessages)")
            .allowEmptyShould(true);
    }

    ArchRule noFieldInjection() {
        return NO_CLASSES_SHOULD_USE_FIELD_INJECTION
            .because("inject through the constructor into final fields: no class exists half-built, and tests "
                    + "build it without Spring")
            .allowEmptyShould(true);
    }

    ArchRule noStandardStreams() {
        return NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .because("services log with SLF4J, with placeholders: their lines are tagged with the service and "
                    + "follow the log configuration")
            .allowEmptyShould(true);
    }

    /**
     * JDBC only in {@code *Repository} classes (and their nested classes), or in a named
     * exception; an exception that matches nothing fails too. Running SQL is calling JDBC
     * (a query, a connection taken from a {@code DataSource}); a class that only hands a
     * connection or a data source on does not.
     */
    void checkSqlOnlyInRepositories() {
        List<String> unused = this.sqlExceptions.keySet()
            .stream()
            .filter((exception) -> classes().stream().noneMatch((type) -> matches(exception, type)))
            .toList();
        if (!unused.isEmpty()) {
            throw new AssertionError("SQL exceptions that match no class of " + this.rootPackage + ": " + unused
                    + ". Delete them from the service's architecture test: what they excused is gone.");
        }
        StringBuilder exceptions = new StringBuilder();
        this.sqlExceptions.forEach((name, reason) -> exceptions.append("; ").append(name).append(": ").append(reason));
        noClasses()
            .that(not(repositoryOrNestedInOne()).and(not(sqlException()))
                .as("are neither *Repository classes (or nested in one) nor named exceptions"))
            .should()
            .accessClassesThat(jdbc())
            .because("SQL lives in package-private *Repository classes behind the service layer: move the query "
                    + "into the feature's *Repository, or name a documented exception with sqlAlsoIn(class, reason) "
                    + "in the service's architecture test (exceptions: "
                    + (exceptions.isEmpty() ? "none" : exceptions.substring(2)) + ")")
            .allowEmptyShould(true)
            .check(classes());
    }

    /**
     * The service's main sources and resources name no schema but its own in SQL, and its
     * migrations are in {@code db/<schema>} only.
     */
    void checkOwnSchemaOnly() {
        List<String> violations = new ArrayList<>();
        if (!Files.isDirectory(this.mainSources)) {
            throw new AssertionError("No main sources at " + this.mainSources.toAbsolutePath()
                    + ": run the check from the service module's directory (Maven does)");
        }
        try (Stream<Path> files = Files.walk(this.mainSources)) {
            for (Path file : files.filter(Files::isRegularFile).filter(ServiceArchitecture::mayHoldSql).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher relation = QUALIFIED_RELATION.matcher(lines.get(i));
                    while (relation.find()) {
                        String named = relation.group(1);
                        if (!named.equals(this.schema) && !SYSTEM_SCHEMAS.contains(named)
                                && !FUNCTION_ARGUMENT.matcher(lines.get(i).substring(0, relation.start())).find()) {
                            violations
                                .add(file + ":" + (i + 1) + " names schema '" + named + "': " + lines.get(i).strip());
                        }
                    }
                }
            }
            Path migrations = this.mainSources.resolve("resources").resolve("db");
            if (Files.isDirectory(migrations)) {
                try (Stream<Path> folders = Files.list(migrations)) {
                    folders.filter(Files::isDirectory)
                        .filter((folder) -> !folder.getFileName().toString().equals(this.schema))
                        .forEach((folder) -> violations
                            .add(folder + " holds migrations of schema '" + folder.getFileName() + "'"));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("The service owns schema '" + this.schema + "' and no other service reads it "
                    + "(ARCHITECTURE.md): ask the owning service over HTTP, gRPC or Kafka instead of reading its "
                    + "tables, and keep only db/" + this.schema + " migrations. Found:\n  "
                    + String.join("\n  ", violations));
        }
    }

    private static boolean mayHoldSql(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".sql") || name.endsWith(".kt") || name.endsWith(".xml")
                || name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties");
    }

    // --- what the rules speak of

    private static DescribedPredicate<JavaClass> annotated(String annotation) {
        return annotatedWith(annotation).or(metaAnnotatedWith(annotation)).forSubtype();
    }

    /** Controllers, fast GET routes, gRPC endpoints, Kafka listeners. */
    private static DescribedPredicate<JavaClass> transports() {
        return annotated(CONTROLLER).or(assignableTo(FAST_GET_ROUTE))
            .or(assignableTo(BINDABLE_SERVICE))
            .or(annotated(KAFKA_LISTENER))
            .or(DescribedPredicate.describe("have methods annotated with @KafkaListener",
                    (JavaClass type) -> type.getMethods()
                        .stream()
                        .anyMatch((method) -> method.isAnnotatedWith(KAFKA_LISTENER))))
            .as("transports");
    }

    /** {@code @Repository} classes and {@code *Repository} classes. */
    private static DescribedPredicate<JavaClass> repositories() {
        return annotated(REPOSITORY)
            .or(DescribedPredicate.describe("are named *Repository",
                    (JavaClass type) -> type.getSimpleName().endsWith("Repository")))
            .as("repositories");
    }

    /** What runs SQL: JDBC and Spring's JDBC support. */
    private static DescribedPredicate<JavaClass> jdbc() {
        return resideInAnyPackage("org.springframework.jdbc.core..", "org.springframework.jdbc.datasource..")
            .or(assignableTo("javax.sql.DataSource"))
            .or(assignableTo("java.sql.Connection"))
            .or(assignableTo("java.sql.Statement"))
            .or(assignableTo("java.sql.DriverManager"))
            .as("are JDBC (JdbcClient, JdbcTemplate, DataSource, Connection, Statement, ...)");
    }

    /**
     * Used (called, constructed, named as a type) only by classes of the repository's own
     * package that are no transports.
     */
    private static ArchCondition<JavaClass> beUsedOnlyByTheServiceLayerOfTheirPackage() {
        DescribedPredicate<JavaClass> transports = transports();
        return new ArchCondition<>("be used only by the service layer of their own package") {

            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (Dependency dependency : repository.getDirectDependenciesToSelf()) {
                    JavaClass user = dependency.getOriginClass();
                    if (!user.getPackageName().equals(repository.getPackageName()) || transports.test(user)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }

        };
    }

    private static DescribedPredicate<JavaClass> repositoryOrNestedInOne() {
        return DescribedPredicate.describe("are *Repository classes or nested in one", (JavaClass type) -> {
            JavaClass outermost = type;
            while (outermost.getEnclosingClass().isPresent()) {
                outermost = outermost.getEnclosingClass().get();
            }
            return outermost.getSimpleName().endsWith("Repository");
        });
    }

    private DescribedPredicate<JavaClass> sqlException() {
        return DescribedPredicate.describe("are named exceptions",
                (JavaClass type) -> this.sqlExceptions.keySet().stream().anyMatch((name) -> matches(name, type)));
    }

    /** The class itself, a class nested in it, or a class of the package or below. */
    private static boolean matches(String classOrPackage, JavaClass type) {
        String name = type.getName();
        return name.equals(classOrPackage) || name.startsWith(classOrPackage + "$")
                || type.getPackageName().equals(classOrPackage)
                || type.getPackageName().startsWith(classOrPackage + ".");
    }

}
