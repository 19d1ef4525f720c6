package dev.weir.testing.upstreams;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Open-Meteo from the recordings in the repository's {@code data/open-meteo}. */
class OpenMeteoUpstreamTest {

    private static final String BERLIN_24H = "open-meteo/forecast_berlin_hourly_24h.json";

    private static final String BERLIN_HOURLY = "temperature_2m,precipitation,apparent_temperature,"
            + "precipitation_probability,pressure_msl,relative_humidity_2m,cloud_cover,wind_speed_10m,wind_gusts_10m";

    private static OpenMeteoUpstream weather;

    @BeforeAll
    static void start() {
        weather = OpenMeteoUpstream.builder().start();
    }

    @AfterAll
    static void stop() {
        weather.close();
    }

    private static HttpResponse<byte[]> forecast(String query) throws Exception {
        return Http.get(weather.baseUrl() + "/v1/forecast?" + query);
    }

    private static String source(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Weir-Upstream-Source").orElseThrow();
    }

    @Test
    void answersTheRecordedBodyForTheRequestItWasRecordedFor() throws Exception {
        HttpResponse<byte[]> response = forecast("latitude=52.52&longitude=13.41&hourly=" + BERLIN_HOURLY
                + "&daily=sunrise,sunset&timezone=Europe/Berlin");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Files.readAllBytes(RecordedData.file(BERLIN_24H)));
        assertThat(source(response)).isEqualTo("recorded " + BERLIN_24H);
    }

    @Test
    void answersAVcrCassettesBodyForItsRecordedRequest() throws Exception {
        HttpResponse<byte[]> response = forecast("current=weather_code&daily=weather_code&hourly=weather_code"
                + "&latitude=0.5252e2&longitude=0.1341e2&minutely_15=weather_code");
        assertThat(source(response)).isEqualTo("recorded open-meteo/vcr/forecast_general.yml");
        JsonNode body = Http.json(response);
        assertThat(body.path("minutely_15").path("time")).hasSize(288);
        assertThat(body.path("current_units").path("weather_code").asString()).isEqualTo("wmo code");
    }

    @Test
    void cutsARecordingDownToTheVariablesAskedFor() throws Exception {
        HttpResponse<byte[]> response = forecast("latitude=52.52&longitude=13.41&hourly=temperature_2m");
        assertThat(source(response)).startsWith("derived from open-meteo/forecast_berlin_hourly");
        JsonNode body = Http.json(response);
        assertThat(body.path("hourly").propertyNames()).containsExactly("time", "temperature_2m");
        assertThat(body.path("hourly_units").propertyNames()).containsExactly("time", "temperature_2m");
        assertThat(body.has("daily")).isFalse();
        assertThat(body.path("latitude").asDouble()).isEqualTo(52.52);
        assertThat(body.path("hourly").path("temperature_2m").get(0).asDouble()).isEqualTo(8.9);
    }

    @Test
    void answersOtherPlacesWithASyntheticBodyAtTheirCoordinates() throws Exception {
        HttpResponse<byte[]> london = forecast("latitude=51.5074&longitude=-0.1278&hourly=temperature_2m,weather_code");
        assertThat(london.statusCode()).isEqualTo(200);
        assertThat(source(london)).startsWith("synthetic from open-meteo/forecast_copenhagen");
        JsonNode body = Http.json(london);
        assertThat(body.path("latitude").asDouble()).isEqualTo(51.5074);
        assertThat(body.path("longitude").asDouble()).isEqualTo(-0.1278);
        assertThat(body.path("hourly").path("time")).hasSize(168);
        // deterministic
        assertThat(forecast("latitude=51.5074&longitude=-0.1278&hourly=temperature_2m,weather_code").body())
            .isEqualTo(london.body());
    }

    @Test
    void shiftsTheTimesToTheStartDateAskedFor() throws Exception {
        JsonNode body = Http
            .json(forecast("latitude=48.85&longitude=2.35&hourly=temperature_2m&daily=sunrise&start_date=2027-01-05"));
        List<String> times = new ArrayList<>();
        body.path("hourly").path("time").forEach((time) -> times.add(time.asString()));
        assertThat(times.get(0)).isEqualTo("2027-01-05T00:00");
        assertThat(times.get(23)).isEqualTo("2027-01-05T23:00");
        assertThat(body.path("daily").path("sunrise").get(0).asString()).startsWith("2027-01-05T");
    }

    @Test
    void asksForPerModelColumnsWhenSeveralModelsAreAskedFor() throws Exception {
        HttpResponse<byte[]> response = forecast(
                "latitude=45.75&longitude=12.75&hourly=temperature_2m&models=ecmwf_ifs025,icon_d2");
        assertThat(source(response)).startsWith("derived from open-meteo/forecast_multimodel");
        assertThat(Http.json(response).path("hourly").propertyNames()).containsExactly("time",
                "temperature_2m_ecmwf_ifs025", "temperature_2m_icon_d2");
    }

    @Test
    void refusesVariablesNoRecordingHoldsWith400() throws Exception {
        HttpResponse<byte[]> response = forecast("latitude=52.52&longitude=13.41&hourly=soil_moisture_27_to_81cm");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Http.json(response);
        assertThat(body.path("error").asBoolean()).isTrue();
        assertThat(body.path("reason").asString()).contains("soil_moisture_27_to_81cm");
        assertThat(forecast("hourly=temperature_2m").statusCode()).isEqualTo(400);
    }

    @Test
    void changesTheForecastBetweenTwoFetchesWhenScripted() throws Exception {
        String query = "latitude=52.52&longitude=13.41&hourly=temperature_2m";
        weather.faults().inject(Fault.contentChanges().fromFetch(2).always());
        try {
            JsonNode first = Http.json(forecast(query + "&x=1"));
            JsonNode second = Http.json(forecast(query + "&x=1"));
            assertThat(second.path("hourly").path("temperature_2m").get(0).decimalValue())
                .isEqualByComparingTo(first.path("hourly")
                    .path("temperature_2m")
                    .get(0)
                    .decimalValue()
                    .add(new java.math.BigDecimal("0.1")));
        }
        finally {
            weather.faults().clear();
        }
    }

    @Test
    void servesTheBundledSliceWithoutDataFiles() throws Exception {
        try (OpenMeteoUpstream slice = OpenMeteoUpstream.builder().slice().start()) {
            assertThat(slice.recordings()).contains("forecast_berlin_hourly_24h.json");
            HttpResponse<byte[]> response = Http
                .get(slice.baseUrl() + "/v1/forecast?latitude=55.68&longitude=12.57&hourly=temperature_2m");
            assertThat(source(response)).startsWith("derived from open-meteo/forecast_copenhagen");
        }
    }

}
