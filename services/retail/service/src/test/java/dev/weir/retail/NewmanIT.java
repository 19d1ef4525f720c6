package dev.weir.retail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the Postman collection of the Retail API ({@code docs/postman}) with newman
 * against the service, twice: on an empty database, then again on the same one, which
 * proves the collection is self-contained and re-runnable. Needs Node.js 18+ and npm on
 * the {@code PATH}; newman is installed with {@code npm ci} from {@code docs/postman}'s
 * {@code package.json} and {@code package-lock.json} into {@code target/newman}, so every
 * machine runs the same newman and the same dependencies, and again only when the lock
 * file changes.
 */
@RetailIT
// Its own context, so the first run really starts on an empty database even when other
// tests with the same configuration ran before in this JVM.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class NewmanIT {

    private static final Logger log = LoggerFactory.getLogger(NewmanIT.class);

    private static final String NODE = "node";

    private static final String POSTMAN = "docs/postman";

    private static final String COLLECTION = POSTMAN + "/weir-retail.postman_collection.json";

    private static final List<String> PINNED = List.of("package.json", "package-lock.json");

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern PM_TEST = Pattern.compile("\\bpm\\.test\\(");

    @LocalServerPort
    int port;

    @Test
    void collectionPassesOnAnEmptyDatabaseAndAgainOnTheSameDatabase() throws Exception {
        Path collection = repositoryRoot().resolve(COLLECTION);
        Map<String, Integer> written = writtenTestsPerRequest(collection);
        assertThat(written).as("requests in %s", collection).isNotEmpty();

        Path newman = installNewman(repositoryRoot().resolve(POSTMAN));
        runCollection(1, newman, collection, written);
        runCollection(2, newman, collection, written);
    }

    private void runCollection(int run, Path newman, Path collection, Map<String, Integer> written) throws Exception {
        Path report = workDirectory().resolve("report-" + run + ".xml");
        Files.deleteIfExists(report);
        int exit = exec(List.of(NODE, newman.toString(), "run", collection.toString(), "--env-var",
                "baseUrl=http://127.0.0.1:" + this.port, "--env-var", "token=" + TestTokens.token(), "--reporters",
                "cli,junit", "--reporter-junit-export", report.toString(), "--color", "off", "--timeout-request",
                "30000"), RUN_TIMEOUT, "newman");
        assertThat(report).as("newman's JUnit report of run %d", run).exists();
        NewmanReport result = NewmanReport.read(report);
        log.info("newman run {}: {} requests, {} distinct assertions, {} failed, {} script errors", run,
                result.testsPerRequest().size(), result.assertions(), result.failures(), result.errors());

        assertThat(exit).as("newman's exit code in run %d (its output is in the log above)", run).isZero();
        assertThat(result.failures()).as("failed assertions in run %d", run).isZero();
        assertThat(result.errors()).as("script and request errors in run %d", run).isZero();
        assertThat(result.testsPerRequest().keySet()).as("requests that ran in run %d", run)
            .containsExactlyInAnyOrderElementsOf(written.keySet());
        written.forEach((request, tests) -> assertThat(result.testsPerRequest().get(request))
            .as("assertions run by '%s' in run %d; every pm.test written must run", request, run)
            .isGreaterThanOrEqualTo(tests));
    }

    /**
     * The number of {@code pm.test} calls that run for each request, by newman's name for
     * it ({@code Folder / Request}): its own, plus those of its folders and of the
     * collection.
     */
    private static Map<String, Integer> writtenTestsPerRequest(Path collection) throws IOException {
        JsonNode root = JSON.readTree(collection.toFile());
        Map<String, Integer> tests = new LinkedHashMap<>();
        collectTests(root.get("item"), "", countTests(root), tests);
        return tests;
    }

    private static void collectTests(JsonNode items, String prefix, int inherited, Map<String, Integer> tests) {
        for (JsonNode item : items) {
            String name = prefix + item.get("name").asString();
            int count = inherited + countTests(item);
            if (item.has("item")) {
                collectTests(item.get("item"), name + " / ", count, tests);
            }
            else {
                tests.put(name, count);
            }
        }
    }

    private static int countTests(JsonNode node) {
        int count = 0;
        for (JsonNode event : node.path("event")) {
            for (JsonNode line : event.path("script").path("exec")) {
                Matcher matcher = PM_TEST.matcher(line.asString());
                while (matcher.find()) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * newman as {@code postman}'s lock file pins it, in {@code target/newman}: installed
     * there with {@code npm ci} unless the same lock file was installed before; answers
     * its {@code newman.js}.
     */
    private static Path installNewman(Path postman) throws Exception {
        requireNode();
        Path directory = workDirectory();
        Path script = directory.resolve("node_modules/newman/bin/newman.js");
        String pinned = JSON.readTree(postman.resolve("package-lock.json").toFile())
            .path("packages")
            .path("node_modules/newman")
            .path("version")
            .asString();
        assertThat(pinned).as("newman's version in %s/package-lock.json", postman).isNotBlank();
        if (Files.exists(script) && sameFiles(postman, directory)) {
            log.info("newman {} already installed in {} from the same package-lock.json", pinned, directory);
        }
        else {
            Files.createDirectories(directory);
            for (String file : PINNED) {
                Files.copy(postman.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            int exit = exec(List.of(npm(), "ci", "--no-audit", "--no-fund"), INSTALL_TIMEOUT, "npm");
            assertThat(exit).as("exit code of npm ci for newman %s (its output is in the log above)", pinned).isZero();
            assertThat(script).as("newman after npm ci").exists();
        }
        assertThat(JSON.readTree(directory.resolve("node_modules/newman/package.json").toFile())
            .path("version")
            .asString()).as("the installed newman is the pinned one").isEqualTo(pinned);
        return script;
    }

    private static boolean sameFiles(Path from, Path to) throws IOException {
        for (String file : PINNED) {
            if (!Files.exists(to.resolve(file)) || Files.mismatch(from.resolve(file), to.resolve(file)) != -1) {
                return false;
            }
        }
        return true;
    }

    private static void requireNode() throws Exception {
        String version;
        try {
            version = output(List.of(NODE, "--version")).strip();
            output(List.of(npm(), "--version"));
        }
        catch (IOException ex) {
            throw new AssertionError("The Postman collection test runs newman, which needs Node.js 18 or newer with"
                    + " npm on the PATH: install Node.js 18+ (Debian/Ubuntu: .ci/install-test-deps; elsewhere "
                    + "https://nodejs.org) and run the tests again. (" + ex.getMessage() + ")", ex);
        }
        Matcher major = Pattern.compile("^v?(\\d+)\\.").matcher(version);
        if (!major.find() || Integer.parseInt(major.group(1)) < 18) {
            fail("The Postman collection test runs newman, which needs Node.js 18 or newer; found '%s'. "
                    + "Install Node.js 18+ (https://nodejs.org).", version);
        }
    }

    /** Runs a command, forwarding its output to the log; answers its exit code. */
    private static int exec(List<String> command, Duration timeout, String tag) throws Exception {
        log.info("{}: {}", tag, String.join(" ", command));
        Process process = new ProcessBuilder(command).directory(workDirectory().toFile())
            .redirectErrorStream(true)
            .start();
        process.getOutputStream().close();
        Thread forwarder = Thread.ofPlatform()
            .name(tag + "-output")
            .daemon()
            .start(() -> forward(process.getInputStream(), tag));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            forwarder.join(Duration.ofSeconds(5));
            fail("%s did not finish within %s and was stopped: %s", tag, timeout, String.join(" ", command));
        }
        forwarder.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    private static void forward(InputStream output, String tag) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.info("{} | {}", tag, line);
            }
        }
        catch (IOException ex) {
            log.warn("Reading the output of {} failed: {}", tag, ex.getMessage());
        }
    }

    /** The output of a short command that must succeed. */
    private static String output(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("'" + String.join(" ", command) + "' failed: " + text.strip());
        }
        return text;
    }

    private static String npm() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    /** {@code target/newman} of this module, wherever the tests are started from. */
    private static Path workDirectory() throws URISyntaxException {
        Path testClasses = Path.of(NewmanIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return testClasses.getParent().resolve("newman");
    }

    /**
     * The repository root: the first directory holding {@code docs/postman}, walking up
     * from the working directory, else from this module's build directory.
     */
    private static Path repositoryRoot() throws URISyntaxException {
        for (Path start : List.of(Path.of("").toAbsolutePath(), workDirectory())) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("docs/postman"))) {
                    return dir;
                }
            }
        }
        throw new AssertionError("No docs/postman above " + Path.of("").toAbsolutePath() + " or " + workDirectory()
                + "; run the test inside the Weir repository.");
    }

    /**
     * What newman's JUnit report says: a test suite per request (named
     * {@code Folder / Request}) with a test case per distinct assertion.
     */
    record NewmanReport(Map<String, Integer> testsPerRequest, int failures, int errors) {

        int assertions() {
            return this.testsPerRequest.values().stream().mapToInt(Integer::intValue).sum();
        }

        static NewmanReport read(Path report) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(report.toFile());
            Map<String, Integer> tests = new LinkedHashMap<>();
            int errors = 0;
            NodeList suites = document.getElementsByTagName("testsuite");
            for (int i = 0; i < suites.getLength(); i++) {
                Element suite = (Element) suites.item(i);
                tests.merge(suite.getAttribute("name"), suite.getElementsByTagName("testcase").getLength(),
                        Integer::sum);
                errors += Integer.parseInt(suite.getAttribute("errors").isEmpty() ? "0" : suite.getAttribute("errors"));
            }
            List<String> failed = new ArrayList<>();
            NodeList failures = document.getElementsByTagName("failure");
            for (int i = 0; i < failures.getLength(); i++) {
                failed.add(((Element) failures.item(i)).getAttribute("message"));
            }
            if (!failed.isEmpty()) {
                log.warn("newman failures: {}", failed);
            }
            return new NewmanReport(tests, failed.size(), errors);
        }

    }

}
