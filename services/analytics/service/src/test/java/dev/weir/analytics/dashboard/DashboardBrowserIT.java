package dev.weir.analytics.dashboard;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.analytics.support.LoadedWarehouse;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium through
 * {@code /usr/bin/chromedriver}, against the service on the loaded warehouse. Each view
 * is loaded, every chart waited for, the figures shown checked against the API's, a
 * screenshot saved (laptop and phone sizes) under {@code target/dashboard-screenshots},
 * and the browser's console must stay free of errors.
 */
@AnalyticsIT
class DashboardBrowserIT {

    static final Path SCREENSHOTS = Path
        .of(System.getProperty("weir.analytics.screenshots", "target/dashboard-screenshots"));

    static Path profile;

    @LocalServerPort
    int port;

    ChromeDriver browser;

    Http http;

    @BeforeAll
    static void makeDirectories() throws IOException {
        profile = Files.createTempDirectory("weir-dashboard-chromium");
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void deleteProfiles() throws IOException {
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
            }
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(profile, "run"), "--window-size=1366,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // a driver of its own per browser: quitting the browser stops its driver
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
        this.browser = new ChromeDriver(service, options);
        // the service's data needs a token with analytics.read: the browser sends one on
        // every
        // request, as the edge does for a logged-in browser (the page and its files need
        // none)
        this.browser.executeCdpCommand("Network.enable", java.util.Map.of());
        this.browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                java.util.Map.of("headers", java.util.Map.of("Authorization", TestTokens.bearer("analytics.read"))));
        this.http = new Http(this.port, "analytics.read");
    }

    @AfterEach
    void closeBrowser() {
        if (this.browser != null) {
            this.browser.quit();
        }
    }

    @Test
    void theRetailViewShowsTheApisRevenueAndKeepsItsFiltersInTheUrl() throws IOException {
        open("retail", "");
        JsonNode monthly = this.http.get("/retail/revenue/monthly").json();
        assertMoney("retail-net", monthly.get("total").get("net").decimalValue());
        assertMoney("retail-sales", monthly.get("total").get("sales").decimalValue());
        assertThat(number("retail-invoices")).isEqualByComparingTo(monthly.get("total").get("invoices").decimalValue());
        List<Object> net = series("chart-retail-monthly", 2);
        assertThat(net).hasSize(monthly.get("months").size());
        for (int i = 0; i < net.size(); i++) {
            assertThat(new BigDecimal(net.get(i).toString()))
                .isEqualByComparingTo(monthly.get("months").get(i).get("net").decimalValue());
        }
        List<WebElement> products = this.browser.findElements(By.cssSelector("#table-retail-products tr"));
        JsonNode top = this.http.get("/retail/products/top?limit=10").json().get("items");
        assertThat(products).hasSize(top.size() + 1);
        assertThat(products.get(1).getText()).contains(top.get(0).get("stock_code").asString());
        screenshots("retail");

        new Select(this.browser.findElement(By.name("country"))).selectByVisibleText("France");
        waitUntilRendered();
        assertThat(this.browser.getCurrentUrl()).contains("view=retail").contains("country=France");
        assertMoney("retail-net",
                this.http.get("/retail/revenue/monthly?country=France").json().get("total").get("net").decimalValue());

        // a shared link opens the same view with the same filters
        open("retail", "&country=France&from=2010-12&to=2010-12");
        assertThat(new Select(this.browser.findElement(By.name("country"))).getFirstSelectedOption().getText())
            .isEqualTo("France");
        assertThat(this.browser.findElement(By.name("from")).getDomProperty("value")).isEqualTo("2010-12");
        assertMoney("retail-net",
                this.http.get("/retail/revenue/monthly?country=France&from=2010-12&to=2010-12")
                    .json()
                    .get("total")
                    .get("net")
                    .decimalValue());
        assertNoConsoleErrors();
    }

    @Test
    void theFoodHygieneWeatherAndRidesViewsShowTheApisFigures() throws IOException {
        open("fhrs", "");
        long establishments = 0;
        String next = "/fhrs/ratings/authorities?limit=1000";
        while (next != null) {
            JsonNode page = this.http.get(next.replaceFirst("^http://[^/]+", "")).json();
            for (JsonNode authority : page.get("items")) {
                establishments += authority.get("establishments").asLong();
            }
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(number("fhrs-establishments").longValueExact()).isEqualTo(establishments);
        JsonNode low = this.http.get("/fhrs/authorities/low-ratings?min_rated=20&limit=15").json().get("items");
        List<Object> shares = series("chart-fhrs-low", 0);
        assertThat(new BigDecimal(shares.get(shares.size() - 1).toString()).doubleValue())
            .isCloseTo(low.get(0).get("share").asDouble() * 100, org.assertj.core.data.Offset.offset(0.01));
        screenshots("fhrs");

        open("weather", "");
        JsonNode cities = this.http.get("/weather/cities").json().get("cities");
        assertThat(series("chart-weather-hourly", 0)).hasSize(cities.get(0).get("hours").asInt());
        assertThat(series("chart-weather-daily", 0)).hasSize(
                this.http.get("/weather/daily?city=" + cities.get(0).get("city").asString()).json().get("days").size());
        screenshots("weather");

        open("rides", "");
        JsonNode summary = this.http.get("/rides/summary").json();
        assertThat(number("rides-trips").longValueExact()).isEqualTo(summary.get("trips").asLong());
        assertThat(number("rides-median-duration").doubleValue())
            .isEqualTo(summary.get("median_duration_s").asDouble());
        assertThat(this.browser.findElement(By.id("rides-median-duration")).getText()).isEqualTo(
                String.format(java.util.Locale.ROOT, "%.1f min", summary.get("median_duration_s").asDouble() / 60));
        assertThat(number("fleet-vehicles").longValueExact())
            .isEqualTo(this.http.get("/fleet/battery").json().get("vehicles").asLong());
        List<Object> busiest = series("chart-rides-stations", 0);
        JsonNode stations = this.http.get("/rides/stations/busiest?limit=15").json().get("items");
        assertThat(new BigDecimal(busiest.get(busiest.size() - 1).toString()).longValueExact())
            .isEqualTo(stations.get(0).get("starts").asLong());
        screenshots("rides");
        assertNoConsoleErrors();
    }

    @Test
    void thePipelineViewShowsALoadedBatchWithoutBeingReloaded() throws IOException {
        open("pipeline", "");
        assertThat(this.browser.findElements(By.cssSelector("#pipeline-cards .card"))).hasSize(5);
        By rows = By.cssSelector("#pipeline-cards .card[data-dataset='open-meteo'] dd[data-rows]");
        long before = shownRows(rows);
        // the loader commits a batch (its bookkeeping row); the open page polls and shows
        // it
        JdbcClient.create(LoadedWarehouse.get().database.owner())
            .sql("INSERT INTO warehouse.load_batch (dataset, rows, max_event_time, max_freshness_ms) "
                    + "VALUES ('open-meteo', 4242, now(), 120)")
            .update();
        new WebDriverWait(this.browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
            .until((b) -> Long.parseLong(b.findElement(rows).getDomAttribute("data-value")) == before + 4242);
        screenshots("pipeline");
        assertNoConsoleErrors();
    }

    /**
     * The rows a card shows. The page re-renders its cards each time it polls, so an
     * element found a moment ago may be gone: look again until one answers.
     */
    private long shownRows(By rows) {
        return new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
            .until((b) -> Long.parseLong(b.findElement(rows).getDomAttribute("data-value")));
    }

    private void open(String view, String filters) {
        this.browser.manage().window().setSize(new Dimension(1366, 900));
        this.browser.get("http://127.0.0.1:" + this.port + "/dashboard?view=" + view + filters);
        waitUntilRendered();
    }

    /** Until the view's data is in and every chart of the view has been drawn. */
    private void waitUntilRendered() {
        new WebDriverWait(this.browser, Duration.ofSeconds(60))
            .until((b) -> Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript("""
                    if (!document.getElementById('error').hidden) return true;
                    if (document.body.dataset.ready !== 'true') return false;
                    const section = document.getElementById('view-' + document.body.dataset.view);
                    return [...section.querySelectorAll('.chart')].every((c) => c.dataset.rendered === 'true');""")));
        String error = this.browser.findElement(By.id("error")).getText();
        assertThat(error).as("the page's error line").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Object> series(String chart, int index) {
        Object data = ((JavascriptExecutor) this.browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series[arguments[1]]"
                        + ".data.map((d) => (d !== null && typeof d === 'object' && !Array.isArray(d)) ? (d.raw ?? d.value) : d);",
                chart, index);
        return new ArrayList<>((List<Object>) data);
    }

    private BigDecimal number(String id) {
        return new BigDecimal(this.browser.findElement(By.id(id)).getDomAttribute("data-value"));
    }

    /** The raw value and the figure shown (pounds, with pence) are the API's. */
    private void assertMoney(String id, BigDecimal expected) {
        assertThat(number(id)).as(id).isEqualByComparingTo(expected);
        String shown = this.browser.findElement(By.id(id)).getText().replaceAll("[£,]", "");
        assertThat(new BigDecimal(shown)).as(id + " as shown")
            .isEqualByComparingTo(expected.setScale(2, java.math.RoundingMode.HALF_EVEN));
    }

    private void screenshots(String view) throws IOException {
        save(view + "-laptop.png");
        // a phone: 390 x 844 CSS pixels, as Chromium's device emulation sets it
        this.browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        ((JavascriptExecutor) this.browser).executeScript("window.dispatchEvent(new Event('resize'));");
        new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(
                (b) -> Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript("return window.innerWidth <= 400;")));
        waitUntilRendered();
        assertThat((Boolean) ((JavascriptExecutor) this.browser)
            .executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1;"))
            .as("the %s view fits a phone's width", view)
            .isTrue();
        save(view + "-phone.png");
        this.browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    private void save(String name) throws IOException {
        File shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : this.browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("console errors").isEmpty();
    }

}
