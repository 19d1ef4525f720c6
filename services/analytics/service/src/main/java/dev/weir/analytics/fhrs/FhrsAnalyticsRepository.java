package dev.weir.analytics.fhrs;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Food hygiene questions: distributions from {@code agg_fhrs_rating}, establishments near
 * a point from {@code fhrs_establishment} through its (latitude, longitude) index.
 */
@Repository
class FhrsAnalyticsRepository {

    /** The rating's label: the score when there is one, else the kind of value. */
    private static final String LABEL = "CASE WHEN rating_score >= 0 THEN rating_score::text ELSE rating_status END";

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final JdbcClient jdbc;

    FhrsAnalyticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Authorities after {@code after} by name, with their distributions. */
    List<FhrsViews.AuthorityRatings> authorities(String authority, String after, int fetch) {
        List<Object[]> rows = this.jdbc.sql("""
                WITH page AS (
                    SELECT local_authority_name FROM warehouse.agg_fhrs_rating
                    WHERE establishments > 0
                      AND (CAST(:authority AS text) IS NULL OR local_authority_name = :authority)
                      AND (CAST(:after AS text) IS NULL OR local_authority_name COLLATE "C" > :after COLLATE "C")
                    GROUP BY local_authority_name ORDER BY local_authority_name COLLATE "C" LIMIT :fetch)
                SELECT local_authority_name, %s, max(rating_score), sum(establishments)
                FROM warehouse.agg_fhrs_rating JOIN page USING (local_authority_name)
                GROUP BY 1, 2 HAVING sum(establishments) > 0""".formatted(LABEL))
            .param("authority", authority)
            .param("after", after)
            .param("fetch", fetch)
            .query((rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4) })
            .list();
        Map<String, List<Object[]>> byName = new java.util.TreeMap<>();
        rows.forEach((row) -> byName.computeIfAbsent((String) row[0], (k) -> new ArrayList<>()).add(row));
        List<FhrsViews.AuthorityRatings> result = new ArrayList<>();
        byName.forEach((name, group) -> {
            Distribution d = distribution(group);
            result.add(new FhrsViews.AuthorityRatings(name, d.total, d.rated, d.low, d.counts));
        });
        return result;
    }

    List<FhrsViews.BusinessTypeRatings> businessTypes(String authority) {
        List<Object[]> rows = this.jdbc.sql("""
                SELECT business_type, %s, max(rating_score), sum(establishments)
                FROM warehouse.agg_fhrs_rating
                WHERE CAST(:authority AS text) IS NULL OR local_authority_name = :authority
                GROUP BY 1, 2 HAVING sum(establishments) > 0""".formatted(LABEL))
            .param("authority", authority)
            .query((rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4) })
            .list();
        Map<String, List<Object[]>> byType = new LinkedHashMap<>();
        rows.forEach((row) -> byType.computeIfAbsent((String) row[0], (k) -> new ArrayList<>()).add(row));
        List<FhrsViews.BusinessTypeRatings> result = new ArrayList<>();
        byType.forEach((type, group) -> {
            Distribution d = distribution(group);
            result.add(new FhrsViews.BusinessTypeRatings(type, d.total, d.rated, d.low, d.counts));
        });
        result.sort(Comparator.comparingLong(FhrsViews.BusinessTypeRatings::establishments)
            .reversed()
            .thenComparing(FhrsViews.BusinessTypeRatings::businessType));
        return result;
    }

    /** Authorities by share of low ratings, highest first; keyset after (share, name). */
    List<FhrsViews.LowRatingShare> lowRatings(int minRated, Double afterShare, String afterName, int fetch,
            int firstRank) {
        int[] rank = { firstRank };
        return this.jdbc.sql("""
                SELECT * FROM (
                    SELECT local_authority_name AS authority,
                           sum(establishments) FILTER (WHERE rating_score >= 0) AS rated,
                           coalesce(sum(establishments) FILTER (WHERE rating_score BETWEEN 0 AND 2), 0) AS low
                    FROM warehouse.agg_fhrs_rating GROUP BY 1) a
                WHERE rated >= :minRated
                  AND (CAST(:afterShare AS float8) IS NULL OR low::float8 / rated < :afterShare
                       OR (low::float8 / rated = :afterShare AND authority COLLATE "C" > :afterName COLLATE "C"))
                ORDER BY low::float8 / rated DESC, authority COLLATE "C" LIMIT :fetch""")
            .param("minRated", minRated)
            .param("afterShare", afterShare)
            .param("afterName", afterName)
            .param("fetch", fetch)
            .query((rs, n) -> new FhrsViews.LowRatingShare(rank[0]++, rs.getString(1), rs.getLong(2), rs.getLong(3),
                    (double) rs.getLong(3) / rs.getLong(2)))
            .list();
    }

    /**
     * Establishments within {@code radiusM} of a point, nearest first; keyset after
     * (distance, fhrs_id). A bounding box on the (latitude, longitude) index, refined by
     * the haversine distance.
     */
    List<FhrsViews.Nearby> near(double lat, double lon, double radiusM, Double afterDistance, Long afterId, int fetch) {
        double dLat = Math.toDegrees(radiusM / EARTH_RADIUS_M);
        double cos = Math.cos(Math.toRadians(lat));
        double dLon = (cos < 1e-6) ? 180 : Math.min(180, Math.toDegrees(radiusM / (EARTH_RADIUS_M * cos)));
        return this.jdbc.sql("""
                SELECT * FROM (
                    SELECT fhrs_id, business_name, business_type, address_line1, address_line2, address_line3,
                           address_line4, postcode, %s AS rating, rating_value, rating_date, local_authority_name,
                           latitude, longitude,
                           2 * :r * asin(least(1, sqrt(power(sin(radians(latitude - :lat) / 2), 2)
                               + cos(radians(:lat)) * cos(radians(latitude))
                               * power(sin(radians(longitude - :lon) / 2), 2)))) AS distance_m
                    FROM warehouse.fhrs_establishment
                    WHERE latitude BETWEEN :minLat AND :maxLat AND longitude BETWEEN :minLon AND :maxLon) e
                WHERE distance_m <= :radius
                  AND (CAST(:afterDistance AS float8) IS NULL OR distance_m > :afterDistance
                       OR (distance_m = :afterDistance AND fhrs_id > :afterId))
                ORDER BY distance_m, fhrs_id LIMIT :fetch""".formatted(LABEL))
            .param("r", EARTH_RADIUS_M)
            .param("lat", lat)
            .param("lon", lon)
            .param("minLat", lat - dLat)
            .param("maxLat", lat + dLat)
            .param("minLon", lon - dLon)
            .param("maxLon", lon + dLon)
            .param("radius", radiusM)
            .param("afterDistance", afterDistance)
            .param("afterId", afterId)
            .param("fetch", fetch)
            .query((rs, n) -> {
                Date date = rs.getDate("rating_date");
                List<String> address = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    String line = rs.getString("address_line" + i);
                    if (line != null && !line.isBlank()) {
                        address.add(line);
                    }
                }
                return new FhrsViews.Nearby(rs.getLong("fhrs_id"), rs.getString("business_name"),
                        rs.getString("business_type"), String.join(", ", address), rs.getString("postcode"),
                        rs.getString("rating"), rs.getString("rating_value"),
                        (date != null) ? date.toLocalDate() : null, rs.getString("local_authority_name"),
                        rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getDouble("distance_m"));
            })
            .list();
    }

    /**
     * Rows (name, label, score, count) of one group: the distribution, scores 5..0 first.
     */
    private static Distribution distribution(List<Object[]> group) {
        Distribution d = new Distribution();
        group.sort(Comparator.comparing((Object[] row) -> -(int) row[2]).thenComparing((row) -> (String) row[1]));
        for (Object[] row : group) {
            long count = (long) row[3];
            int score = (int) row[2];
            d.total += count;
            if (score >= 0) {
                d.rated += count;
                if (score <= 2) {
                    d.low += count;
                }
            }
            d.counts.add(new FhrsViews.RatingCount((String) row[1], count));
        }
        return d;
    }

    private static final class Distribution {

        long total;

        long rated;

        long low;

        final List<FhrsViews.RatingCount> counts = new ArrayList<>();

    }

}
