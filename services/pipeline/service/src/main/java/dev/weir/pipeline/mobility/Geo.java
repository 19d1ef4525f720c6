package dev.weir.pipeline.mobility;

/** Coordinates on the earth. */
final class Geo {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geo() {
    }

    /** The great-circle distance in metres (haversine). */
    static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Why a position is unusable, or null when it is fine. */
    static String problem(Double lat, Double lon) {
        if (lat == null || lon == null) {
            return null;
        }
        if (lat == 0 && lon == 0) {
            return "zero";
        }
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            return "range";
        }
        return null;
    }

}
