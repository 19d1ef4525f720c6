package dev.weir.analytics.rides;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.weir.analytics.system.AnswerCache;
import dev.weir.analytics.system.Cursor;
import dev.weir.analytics.system.Dataset;
import dev.weir.analytics.system.Fresh;
import dev.weir.analytics.system.Page;

/**
 * Rides analytics: trips per hour, the busiest stations, median trip duration and
 * distance; and the fleet's battery health from the vehicles' telemetry.
 */
@Service
class RidesAnalyticsService {

    private final RidesAnalyticsRepository repository;

    private final AnswerCache answers;

    RidesAnalyticsService(RidesAnalyticsRepository repository, AnswerCache answers) {
        this.repository = repository;
        this.answers = answers;
    }

    Fresh<RidesViews.TripsPerHour> hours(LocalDate from, LocalDate to) {
        return this.answers.get(Dataset.RIDES, "hours|" + from + "|" + to, () -> {
            List<RidesViews.HourTrips> hours = this.repository.hours(fromKey(from), toKey(to));
            return new RidesViews.TripsPerHour(text(from), text(to),
                    hours.stream().mapToLong(RidesViews.HourTrips::trips).sum(), hours);
        });
    }

    Fresh<Page<RidesViews.Station>> busiest(LocalDate from, LocalDate to, String after, int limit) {
        List<String> position = Cursor.parse(after, 3);
        Long afterTotal = (position != null) ? (long) Cursor.number(position.get(0)) : null;
        String afterId = (position != null) ? position.get(1) : null;
        int firstRank = (position != null) ? (int) Cursor.number(position.get(2)) + 1 : 1;
        return this.answers.get(Dataset.RIDES, "busiest|" + from + "|" + to + "|" + after + "|" + limit,
                () -> Page.of(
                        this.repository.busiest(fromKey(from), toKey(to), afterTotal, afterId, limit + 1, firstRank),
                        limit, (s) -> Cursor.of(s.total(), s.stationId(), s.rank())));
    }

    Fresh<RidesViews.TripSummary> summary(LocalDate from, LocalDate to) {
        return this.answers.get(Dataset.RIDES, "summary|" + from + "|" + to, () -> {
            double[] duration = this.repository.median("agg_ride_duration", "duration_s", 1, fromKey(from), toKey(to));
            double[] distance = this.repository.median("agg_ride_distance", "distance_10m", 10, fromKey(from),
                    toKey(to));
            boolean trips = duration[0] > 0;
            boolean located = distance[0] > 0;
            return new RidesViews.TripSummary(text(from), text(to), (long) duration[0], trips ? duration[1] : null,
                    trips ? duration[2] : null, located ? distance[1] : null, (long) distance[0]);
        });
    }

    Fresh<RidesViews.FleetBattery> fleet() {
        return this.answers.get(Dataset.TELEMETRY, "fleet", this.repository::fleet);
    }

    private static int fromKey(LocalDate from) {
        return (from != null) ? key(from) : 0;
    }

    private static int toKey(LocalDate to) {
        return (to != null) ? key(to) : 99_991_231;
    }

    private static int key(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    private static String text(LocalDate date) {
        return (date != null) ? date.toString() : null;
    }

}
