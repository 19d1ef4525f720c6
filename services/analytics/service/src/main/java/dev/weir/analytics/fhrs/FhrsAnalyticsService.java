package dev.weir.analytics.fhrs;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.weir.analytics.system.AnswerCache;
import dev.weir.analytics.system.Cursor;
import dev.weir.analytics.system.Dataset;
import dev.weir.analytics.system.Fresh;
import dev.weir.analytics.system.Page;

/**
 * Food hygiene analytics: rating distributions per authority and per business type,
 * authorities ranked by their share of low ratings, and establishments near a point.
 */
@Service
class FhrsAnalyticsService {

    private final FhrsAnalyticsRepository repository;

    private final AnswerCache answers;

    FhrsAnalyticsService(FhrsAnalyticsRepository repository, AnswerCache answers) {
        this.repository = repository;
        this.answers = answers;
    }

    Fresh<Page<FhrsViews.AuthorityRatings>> authorities(String authority, String after, int limit) {
        List<String> position = Cursor.parse(after, 1);
        String afterName = (position != null) ? position.get(0) : null;
        return this.answers.get(Dataset.FHRS, "authorities|" + authority + "|" + afterName + "|" + limit, () -> Page
            .of(this.repository.authorities(authority, afterName, limit + 1), limit, (a) -> Cursor.of(a.authority())));
    }

    Fresh<FhrsViews.BusinessTypes> businessTypes(String authority) {
        return this.answers.get(Dataset.FHRS, "business-types|" + authority,
                () -> new FhrsViews.BusinessTypes(authority, this.repository.businessTypes(authority)));
    }

    Fresh<Page<FhrsViews.LowRatingShare>> lowRatings(int minRated, String after, int limit) {
        List<String> position = Cursor.parse(after, 3);
        Double afterShare = (position != null) ? Cursor.number(position.get(0)) : null;
        String afterName = (position != null) ? position.get(1) : null;
        int firstRank = (position != null) ? (int) Cursor.number(position.get(2)) + 1 : 1;
        return this.answers.get(Dataset.FHRS, "low-ratings|" + minRated + "|" + after + "|" + limit,
                () -> Page.of(this.repository.lowRatings(minRated, afterShare, afterName, limit + 1, firstRank), limit,
                        (a) -> Cursor.of(a.share(), a.authority(), a.rank())));
    }

    Fresh<Page<FhrsViews.Nearby>> near(double lat, double lon, double radiusM, String after, int limit) {
        List<String> position = Cursor.parse(after, 2);
        Double afterDistance = (position != null) ? Cursor.number(position.get(0)) : null;
        Long afterId = (position != null) ? (long) Cursor.number(position.get(1)) : null;
        return this.answers.get(Dataset.FHRS, "near|" + lat + "|" + lon + "|" + radiusM + "|" + after + "|" + limit,
                () -> Page.of(this.repository.near(lat, lon, radiusM, afterDistance, afterId, limit + 1), limit,
                        (e) -> Cursor.of(e.distanceM(), e.fhrsId())));
    }

}
