package dev.weir.analytics.rides;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the rides and fleet endpoints answer (UTC days and hours). */
final class RidesViews {

    private RidesViews() {
    }

    /**
     * @param meanDurationS mean trip duration of the hour's trips, in seconds
     */
    record HourTrips(LocalDate date, int hour, long trips, double meanDurationS) {
    }

    record TripsPerHour(String from, String to, long trips, List<HourTrips> hours) {
    }

    /**
     * @param total starts + ends
     */
    record Station(int rank, String stationId, long starts, long ends, long total, Double latitude, Double longitude) {
    }

    /**
     * @param medianDurationS the median trip duration, exact to the second
     * @param medianDistanceM the median great-circle distance between start and end,
     * exact to the 10 m bucket (trips without positions left out)
     */
    record TripSummary(String from, String to, long trips, Double medianDurationS, Double meanDurationS,
            Double medianDistanceM, long tripsWithDistance) {
    }

    /**
     * @param lower the bucket's lower bound (included); its upper bound is the next's
     */
    record Bucket(double lower, long vehicles) {
    }

    /**
     * The fleet as of each vehicle's latest report.
     *
     * @param vehicles vehicles that ever reported
     * @param withBattery of those, reporting a battery level
     * @param lowBattery of those, below 20 %
     * @param battery vehicles by battery level, 10 % buckets
     * @param rangeKm vehicles by remaining range, 5 km buckets
     * @param latestReport the newest report of any vehicle
     */
    record FleetBattery(long vehicles, long available, long disabled, long reserved, long withBattery, long lowBattery,
            Double meanBatteryPct, Double medianRangeM, List<Bucket> battery, List<Bucket> rangeKm,
            Instant latestReport) {
    }

}
