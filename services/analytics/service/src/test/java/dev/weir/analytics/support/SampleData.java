package dev.weir.analytics.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.weir.testing.infra.RepositoryData;

/**
 * The real data sets the analytics tests and benchmark load, read from the repository's
 * {@code data/} folder ({@link RepositoryData}): the one place that knows their files.
 */
public final class SampleData {

    private SampleData() {
    }

    /**
     * The first {@code rows} source lines of the Online Retail file, exact repeats left
     * out.
     */
    public static List<Sources.RetailLine> retail(int rows) {
        return Sources.retail(RepositoryData.file("online-retail/online_retail.csv.gz"), rows);
    }

    /** Every FHRS establishment of the bootcamp file (the later of a repeated FHRSID). */
    public static List<Sources.Establishment> establishments() {
        return Sources.establishments(RepositoryData.file("fhrs/json/establishments_39779.json.gz"));
    }

    /** Three Open-Meteo responses: Berlin (two, on different days) and Copenhagen. */
    public static List<Sources.WeatherHour> weather() {
        List<Sources.WeatherHour> hours = new ArrayList<>();
        hours.addAll(Sources.weather("Berlin",
                RepositoryData.file("open-meteo/archive_berlin_hourly_2024-01-01_2024-01-02.json")));
        hours.addAll(Sources.weather("Berlin", RepositoryData.file("open-meteo/forecast_berlin_hourly_24h.json")));
        hours.addAll(Sources.weather("Copenhagen",
                RepositoryData.file("open-meteo/forecast_copenhagen_current_hourly_daily.json")));
        return hours;
    }

    /** A day of Citi Bike trips (62,555), with their stations' positions. */
    public static List<Sources.Trip> trips() {
        return Sources.trips(RepositoryData.file("citibike/trips-2017-07-17.csv.gz"), stations());
    }

    /**
     * Vehicle reports made from the Citi Bike stations (the real TIER feed's licence is
     * unknown, so it is not in {@code data/}): see {@link Sources#telemetry(Path)}.
     */
    public static List<Sources.Report> telemetry() {
        return Sources.telemetry(stations());
    }

    private static Path stations() {
        return RepositoryData.file("citibike/stations.csv");
    }

}
