package dev.weir.analytics.fhrs;

import java.time.LocalDate;
import java.util.List;

/** What the food hygiene endpoints answer. */
final class FhrsViews {

    private FhrsViews() {
    }

    /**
     * @param rating the score {@code 0}-{@code 5} for FHRS ratings, else the kind of
     * value: {@code exempt}, {@code awaiting_inspection}, {@code awaiting_publication},
     * {@code pass}, {@code pass_eat_safe}, {@code improvement_required}, {@code other}
     */
    record RatingCount(String rating, long establishments) {
    }

    /**
     * @param rated establishments with a 0-5 score
     * @param low of those, scored 0, 1 or 2
     * @param ratings the distribution, scores first (5 to 0), then the other kinds
     */
    record AuthorityRatings(String authority, long establishments, long rated, long low, List<RatingCount> ratings) {
    }

    record BusinessTypeRatings(String businessType, long establishments, long rated, long low,
            List<RatingCount> ratings) {
    }

    /**
     * @param authority the local authority, or null for all
     * @param businessTypes by establishments, most first
     */
    record BusinessTypes(String authority, List<BusinessTypeRatings> businessTypes) {
    }

    /**
     * @param share low / rated
     */
    record LowRatingShare(int rank, String authority, long rated, long low, double share) {
    }

    /**
     * @param distanceM great-circle distance from the point, in metres
     */
    record Nearby(long fhrsId, String businessName, String businessType, String address, String postcode, String rating,
            String ratingValue, LocalDate ratingDate, String authority, double latitude, double longitude,
            double distanceM) {
    }

}
