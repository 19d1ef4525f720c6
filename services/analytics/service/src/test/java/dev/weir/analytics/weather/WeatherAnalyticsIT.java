package dev.weir.analytics.weather;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.analytics.support.LoadedWarehouse;
import dev.weir.analytics.support.Sources;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The weather endpoints on three real Open-Meteo responses (Berlin twice, Copenhagen).
 */
@AnalyticsIT
class WeatherAnalyticsIT {

    @LocalServerPort
    int port;

    Http http;

    List<Sources.WeatherHour> hours;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port, "analytics.read");
        this.hours = LoadedWarehouse.get().weather;
    }

    @Test
    void dailyMinMaxAndMeanAreThoseOfTheDaysHoursInUtc() {
        Map<LocalDate, DoubleSummaryStatistics> expected = new TreeMap<>(this.hours.stream()
            .filter((h) -> h.city().equals("Berlin") && h.temperatureC() != null)
            .collect(Collectors.groupingBy((h) -> LocalDate.ofInstant(h.time(), ZoneOffset.UTC),
                    Collectors.summarizingDouble(Sources.WeatherHour::temperatureC))));
        JsonNode days = this.http.get("/weather/daily?city=Berlin").json().get("days");
        assertThat(days).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<LocalDate, DoubleSummaryStatistics> day : expected.entrySet()) {
            JsonNode actual = days.get(i++);
            assertThat(actual.get("date").asString()).isEqualTo(day.getKey().toString());
            assertThat(actual.get("min_c").asDouble()).isEqualTo(day.getValue().getMin());
            assertThat(actual.get("max_c").asDouble()).isEqualTo(day.getValue().getMax());
            assertThat(actual.get("mean_c").asDouble()).isCloseTo(day.getValue().getAverage(), within(1e-9));
            assertThat(actual.get("hours").asLong()).isEqualTo(day.getValue().getCount());
        }
        JsonNode january = this.http.get("/weather/daily?city=Berlin&from=2024-01-01&to=2024-01-01").json();
        assertThat(january.get("days")).hasSize(1);
    }

    @Test
    void theHourlySeriesIsEveryHourInTimeOrderPageByPage() {
        List<Sources.WeatherHour> expected = this.hours.stream()
            .filter((h) -> h.city().equals("Copenhagen"))
            .sorted(java.util.Comparator.comparing(Sources.WeatherHour::time))
            .toList();
        List<JsonNode> series = new ArrayList<>();
        String next = "/weather/hourly?city=Copenhagen&limit=50";
        while (next != null) {
            JsonNode page = this.http.get(next.replaceFirst("^http://[^/]+", "")).json();
            page.get("items").forEach(series::add);
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(series).hasSize(168).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Instant.parse(series.get(i).get("time").asString())).isEqualTo(expected.get(i).time());
            assertThat(series.get(i).get("temperature_c").asDouble()).isEqualTo(expected.get(i).temperatureC());
        }
        Instant third = expected.get(2).time();
        JsonNode range = this.http
            .get("/weather/hourly?city=Copenhagen&from=" + third + "&to=" + third.plusSeconds(3600))
            .json();
        assertThat(range.get("items")).hasSize(1);
    }

    @Test
    void citiesAreListedWithTheirHours() {
        JsonNode cities = this.http.get("/weather/cities").json().get("cities");
        assertThat(cities).hasSize(2);
        assertThat(cities.get(0).get("city").asString()).isEqualTo("Berlin");
        assertThat(cities.get(0).get("hours").asLong()).isEqualTo(72);
    }

    @Test
    void anUnknownCityIsNotFoundAndAMissingOneIsInvalid() {
        Http.Response unknown = this.http.get("/weather/daily?city=Atlantis");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("city").asString()).isEqualTo("Atlantis");
        Http.Response missing = this.http.get("/weather/hourly");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("city");
        Http.Response backwards = this.http.get("/weather/hourly?city=Berlin&from=2024-01-02&to=2024-01-01");
        assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

}
