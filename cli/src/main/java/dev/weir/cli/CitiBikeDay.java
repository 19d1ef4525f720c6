package dev.weir.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A day of real Citi Bike trips and the stations they start and end at: from
 * {@code --data DIR}, else the repository's {@code data/citibike/}, else the hour bundled
 * in this jar ({@code citibike/PROVENANCE.md}). Trip times are New York's local time.
 */
final class CitiBikeDay {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A station. */
    record Station(int id, double lat, double lon, String name) {
    }

    /**
     * A trip.
     *
     * @param start when it started, epoch seconds
     * @param duration seconds
     */
    record Trip(long start, int duration, Station from, Station to, boolean member, Integer birthYear) {
    }

    final List<Trip> trips;

    final String source;

    private CitiBikeDay(List<Trip> trips, String source) {
        this.trips = trips;
        this.source = source;
    }

    /** Reads the day from {@code dir}, or the first place that has it. */
    static CitiBikeDay load(Path dir) throws IOException {
        Path found = (dir != null) ? dir : find();
        if (found != null) {
            Path trips = tripsFile(found);
            try (InputStream stations = Files.newInputStream(found.resolve("stations.csv"));
                    InputStream tripData = open(trips)) {
                return read(stations, tripData, trips.toString());
            }
        }
        return bundled();
    }

    /** The hour bundled in the jar. */
    static CitiBikeDay bundled() throws IOException {
        try (InputStream stations = resource("citibike/stations.csv");
                InputStream tripData = new GZIPInputStream(resource("citibike/trips-2017-07-17-08h.csv.gz"))) {
            return read(stations, tripData, "the hour bundled with weir (citibike/PROVENANCE.md)");
        }
    }

    private static Path find() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("data/citibike");
            if (Files.isRegularFile(candidate.resolve("stations.csv"))) {
                return candidate;
            }
        }
        return null;
    }

    private static Path tripsFile(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "trips*.csv*")) {
            for (Path file : files) {
                return file;
            }
        }
        throw new IOException("No trips*.csv(.gz) in " + dir);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = CitiBikeDay.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("The jar lacks " + name);
        }
        return in;
    }

    private static CitiBikeDay read(InputStream stationData, InputStream tripData, String source) throws IOException {
        Map<Integer, Station> stations = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stationData, StandardCharsets.UTF_8))) {
            lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(",", 4);
                if (f.length == 4) {
                    String name = f[3].strip();
                    if (name.startsWith("\"") && name.endsWith("\"")) {
                        name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
                    }
                    stations.put(Integer.parseInt(f[0]), new Station(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]), name));
                }
            }
        }
        List<Trip> trips = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(tripData, StandardCharsets.UTF_8))) {
            lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] f = line.split(",");
                if (f.length < 6) {
                    continue;
                }
                Station from = stations.get(Integer.parseInt(f[2]));
                Station to = stations.get(Integer.parseInt(f[3]));
                if (from == null || to == null) {
                    continue;
                }
                long start = LocalDateTime.parse(f[0], TIME).atZone(NEW_YORK).toEpochSecond();
                int year = Integer.parseInt(f[5].strip());
                trips.add(new Trip(start, Integer.parseInt(f[1]), from, to, "1".equals(f[4].strip()),
                        (year > 1900) ? year : null));
            }
        }
        // nearly, not strictly, in order in the source
        trips.sort(Comparator.comparingLong(Trip::start));
        return new CitiBikeDay(List.copyOf(trips), source);
    }

}
