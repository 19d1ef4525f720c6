package dev.weir.analytics.support;

import java.util.ArrayList;
import java.util.List;

/**
 * One warehouse per test JVM loaded with the real sample data (the Online Retail sample's
 * 10,000 lines, every FHRS establishment of the bootcamp file, three Open-Meteo
 * responses, a full day of Citi Bike trips and the TIER telemetry snapshots), for the
 * tests that only read. The parsed sources are kept so tests compute their expectations
 * from them.
 */
public final class LoadedWarehouse {

    private static LoadedWarehouse instance;

    public final WarehouseDatabase database;

    public final List<Sources.RetailLine> retail;

    public final List<Sources.Establishment> establishments;

    public final List<Sources.WeatherHour> weather;

    public final List<Sources.Trip> trips;

    public final List<Sources.Report> telemetry;

    private LoadedWarehouse() {
        this.database = WarehouseDatabase.create();
        this.retail = Sources.retail(SampleData.file("online-retail/online_retail_sample.csv"));
        this.establishments = Sources.establishments(SampleData.file("fhrs/json/establishments_39779.json.gz"));
        List<Sources.WeatherHour> hours = new ArrayList<>();
        hours.addAll(Sources.weather("Berlin",
                SampleData.file("open-meteo/archive_berlin_hourly_2024-01-01_2024-01-02.json")));
        hours.addAll(Sources.weather("Berlin", SampleData.file("open-meteo/forecast_berlin_hourly_24h.json")));
        hours.addAll(Sources.weather("Copenhagen",
                SampleData.file("open-meteo/forecast_copenhagen_current_hourly_daily.json")));
        this.weather = List.copyOf(hours);
        this.trips = Sources.trips(SampleData.file("rides/citibike_nyc_2017-07-17/trips-2017-07-17.csv.gz"),
                SampleData.file("rides/citibike_nyc_2017-07-17/stations.csv"));
        this.telemetry = Sources
            .telemetry(SampleData.file("rides/tier_wolfsburg_gbfs/free_bike_status_snapshots.jsonl.gz"));
        var owner = this.database.owner();
        Loading.retail(owner, this.retail, 2000);
        Loading.establishments(owner, this.establishments, 5000);
        Loading.weather(owner, this.weather);
        Loading.trips(owner, this.trips, 5000);
        Loading.telemetry(owner, this.telemetry, 5000);
    }

    public static synchronized LoadedWarehouse get() {
        if (instance == null) {
            instance = new LoadedWarehouse();
        }
        return instance;
    }

}
