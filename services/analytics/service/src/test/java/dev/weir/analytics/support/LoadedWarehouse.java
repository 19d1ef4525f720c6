package dev.weir.analytics.support;

import java.util.List;

/**
 * One warehouse per test JVM loaded with the real data sets of {@code data/} (the first
 * 10,000 Online Retail lines, every FHRS establishment of the bootcamp file, three
 * Open-Meteo responses, a full day of Citi Bike trips, and vehicle reports made from its
 * stations), for the tests that only read. The parsed sources are kept so tests compute
 * their expectations from them.
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
        this.retail = SampleData.retail(10_000);
        this.establishments = SampleData.establishments();
        this.weather = List.copyOf(SampleData.weather());
        this.trips = SampleData.trips();
        this.telemetry = SampleData.telemetry();
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
