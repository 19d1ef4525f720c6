package dev.weir.analytics.weather;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the weather endpoints answer (UTC; units in the names). */
final class WeatherViews {

    private WeatherViews() {
    }

    /**
     * @param hours hours with a row
     */
    record City(String city, Instant first, Instant last, long hours, Double latitude, Double longitude) {
    }

    record Cities(List<City> cities) {
    }

    /**
     * One hour; a value the source left out is null and named in {@code missing}.
     */
    record Hour(Instant time, Double temperatureC, Double precipitationMm, Double windSpeedKmh,
            Double relativeHumidityPct, Integer weatherCode, List<String> missing) {
    }

    /**
     * One UTC day's temperature over the hours that have one.
     *
     * @param hours hours with a temperature
     */
    record Day(LocalDate date, Double minC, Double maxC, Double meanC, Double precipitationMm, long hours) {
    }

    record Days(String city, String from, String to, List<Day> days) {
    }

}
