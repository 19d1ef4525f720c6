package dev.weir.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * The events of a fleet of {@code devices} bikes riding a real day of trips, in time
 * order: {@code rides} (a start and an end per trip) or {@code telemetry} (each bike's
 * position every minute along its ride, its battery draining with distance and recovering
 * while it stands at a station, and a report when it docks). Trips are given to the bike
 * that has stood longest; a trip no bike is free for is left out. The day is moved to
 * today (same time of day) and, once it is over, ridden again the next day with new ride
 * ids.
 */
final class FleetEvents {

    /** Seconds between two telemetry reports of a riding bike. */
    private static final int REPORT_EVERY = 60;

    private static final double ROUTE_FACTOR = 1.3;

    private final CitiBikeDay day;

    private final boolean telemetry;

    private final Bike[] bikes;

    private final PriorityQueue<Bike> idle = new PriorityQueue<>((a, b) -> Long.compare(a.freeAt, b.freeAt));

    private final PriorityQueue<Step> pending = new PriorityQueue<>((a, b) -> Long.compare(a.time, b.time));

    private final long dayStart;

    private int next;

    private int lap;

    private long shift;

    /** The time of the latest event so far. */
    private long last = Long.MIN_VALUE;

    FleetEvents(CitiBikeDay day, boolean telemetry, int devices) {
        this.day = day;
        this.telemetry = telemetry;
        this.bikes = new Bike[devices];
        for (int i = 0; i < devices; i++) {
            this.bikes[i] = new Bike(String.format(Locale.ROOT, "bike-%05d", i + 1), 60 + (i * 37) % 41);
            this.idle.add(this.bikes[i]);
        }
        this.dayStart = day.trips.get(0).start();
        LocalDate source = Instant.ofEpochSecond(this.dayStart).atZone(ZoneOffset.UTC).toLocalDate();
        this.shift = ChronoUnit.DAYS.between(source, LocalDate.now(ZoneOffset.UTC)) * 86_400;
    }

    /** The next event as JSON. */
    String next() {
        while (true) {
            long head = this.pending.isEmpty() ? Long.MAX_VALUE : this.pending.peek().time;
            if (this.next >= this.day.trips.size()) {
                if (this.pending.isEmpty()) {
                    // the day is over: ride it again on the next day that starts after
                    // its last
                    // event (some real trips last more than a day)
                    this.next = 0;
                    this.lap++;
                    do {
                        this.shift += 86_400;
                    }
                    while (this.day.trips.get(0).start() + this.shift <= this.last);
                    this.idle.forEach((bike) -> bike.freeAt = Long.MIN_VALUE);
                }
                else {
                    return render(this.pending.poll());
                }
            }
            CitiBikeDay.Trip trip = this.day.trips.get(this.next);
            if (trip.start() + this.shift <= head) {
                this.next++;
                start(trip);
                continue;
            }
            return render(this.pending.poll());
        }
    }

    private void start(CitiBikeDay.Trip trip) {
        long start = trip.start() + this.shift;
        Bike bike = this.idle.peek();
        if (bike == null || bike.freeAt > start) {
            return;
        }
        this.idle.poll();
        // charging at the station since its last ride: half a percent a minute
        if (bike.freeAt != Long.MIN_VALUE) {
            bike.battery = Math.min(100, bike.battery + (start - bike.freeAt) / 120.0);
        }
        bike.ride = new Ride(trip, this.lap, this.next, start, bike.battery);
        this.pending.add(new Step(bike, start, 0));
    }

    private String render(Step step) {
        this.last = Math.max(this.last, step.time);
        Bike bike = step.bike;
        Ride ride = bike.ride;
        CitiBikeDay.Trip trip = ride.trip;
        long end = ride.start + trip.duration();
        boolean last = step.time >= end;
        double fraction = Math.min(1.0, (step.time - ride.start) / (double) Math.max(1, trip.duration()));
        double distance = ROUTE_FACTOR * meters(trip.from(), trip.to());
        String json;
        if (this.telemetry) {
            double battery = Math.max(0, ride.batteryAtStart - distance * fraction / 400.0);
            bike.battery = battery;
            double lat = trip.from().lat() + (trip.to().lat() - trip.from().lat()) * fraction;
            double lon = trip.from().lon() + (trip.to().lon() - trip.from().lon()) * fraction;
            json = String.format(Locale.ROOT,
                    "{\"bike_id\":\"%s\",\"vehicle_type_id\":\"ecowheels_ebike\",\"reported_at\":\"%s\","
                            + "\"lat\":%.6f,\"lon\":%.6f,\"battery_pct\":%.1f,\"current_range_meters\":%d,"
                            + "\"is_reserved\":false,\"is_disabled\":%b,\"station_id\":%s,\"speed_kmh\":%.1f}",
                    bike.id, Instant.ofEpochSecond(step.time), lat, lon, battery, Math.round(battery * 450),
                    battery < 5,
                    (step.index == 0) ? Integer.toString(trip.from().id())
                            : last ? Integer.toString(trip.to().id()) : "null",
                    (step.index == 0 || last) ? 0.0 : distance / Math.max(1, trip.duration()) * 3.6);
            long following = step.time + REPORT_EVERY;
            if (!last) {
                this.pending.add(new Step(bike, Math.min(following, end), step.index + 1));
            }
        }
        else {
            CitiBikeDay.Station at = (step.index == 0) ? trip.from() : trip.to();
            String common = String.format(Locale.ROOT,
                    "{\"ride_id\":\"%s\",\"bike_id\":\"%s\",\"event\":\"%s\",\"at\":\"%s\",\"station_id\":%d,"
                            + "\"station_name\":\"%s\",\"lat\":%.6f,\"lon\":%.6f,\"member\":%b,\"birth_year\":%s",
                    ride.id(), bike.id, (step.index == 0) ? "start" : "end", Instant.ofEpochSecond(step.time), at.id(),
                    at.name().replace("\\", "\\\\").replace("\"", "\\\""), at.lat(), at.lon(), trip.member(),
                    (trip.birthYear() != null) ? trip.birthYear().toString() : "null");
            json = (step.index == 0) ? common + "}" : common
                    + String.format(Locale.ROOT, ",\"duration_s\":%d,\"distance_m\":%.1f}", trip.duration(), distance);
            if (step.index == 0) {
                this.pending.add(new Step(bike, end, 1));
            }
        }
        if (last && step.index > 0) {
            bike.freeAt = end;
            if (!this.telemetry) {
                bike.battery = Math.max(0, ride.batteryAtStart - distance / 400.0);
            }
            this.idle.add(bike);
        }
        return json;
    }

    /** Straight-line distance in metres (haversine). */
    static double meters(CitiBikeDay.Station a, CitiBikeDay.Station b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(a.lat()))
                * Math.cos(Math.toRadians(b.lat())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
    }

    private static final class Bike {

        final String id;

        double battery;

        long freeAt = Long.MIN_VALUE;

        Ride ride;

        Bike(String id, double battery) {
            this.id = id;
            this.battery = battery;
        }

    }

    private record Ride(CitiBikeDay.Trip trip, int lap, int index, long start, double batteryAtStart) {

        String id() {
            return String.format(Locale.ROOT, "%s-%06d%s",
                    Instant.ofEpochSecond(this.trip.start()).toString().substring(0, 10), this.index,
                    (this.lap > 0) ? "-r" + this.lap : "");
        }

    }

    private record Step(Bike bike, long time, int index) {
    }

}
