package dev.weir.analytics.system;

/**
 * The warehouse's datasets, each with its own version: a dataset's answers change only
 * when a loading transaction changed its rows.
 */
public enum Dataset {

    RETAIL("retail"), FHRS("fhrs"), WEATHER("open-meteo"), RIDES("rides"), TELEMETRY("telemetry");

    private final String warehouseName;

    Dataset(String warehouseName) {
        this.warehouseName = warehouseName;
    }

    /** The name the warehouse (and the pipeline) know the dataset by. */
    public String warehouseName() {
        return this.warehouseName;
    }

}
