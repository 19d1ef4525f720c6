package dev.weir.pipeline.fhrs;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.support.Raw;

import static org.assertj.core.api.Assertions.assertThat;

class FhrsCleanerTest {

    private final FhrsCleaner cleaner = new FhrsCleaner();

    private Cleaning clean(String json) {
        return this.cleaner.clean(Raw.bare("weir.raw.fhrs", "1", json, Map.of("weir-stream", "establishments")));
    }

    @Test
    void typesANumericRatingWithItsGeocodeAndDate() {
        var cleaned = (Cleaning.Cleaned) clean("""
                {"FHRSID": 1043695, "BusinessName": "Pizza", "RatingValue": "5", "SchemeType": "FHRS",
                 "RatingDate": "2019-11-27T00:00:00", "geocode": {"longitude": "0.08384000", "latitude": "51.49014200"},
                 "scores": {"Hygiene": 5, "Structural": 5, "ConfidenceInManagement": 10}}""");
        var row = cleaned.rows().get(0).values();
        assertThat(row).containsEntry("fhrs_id", 1043695L)
            .containsEntry("rating_scheme", "FHRS")
            .containsEntry("rating_status", "rated")
            .containsEntry("rating_score", (short) 5)
            .containsEntry("rating_date", LocalDate.of(2019, 11, 27))
            .containsEntry("rating_date_key", 20191127)
            .containsEntry("latitude", 51.490142)
            .containsEntry("confidence_score", (short) 10);
        assertThat(cleaned.rules()).isEmpty();
    }

    @Test
    void keepsScotlandsSchemeApartAndMapsSpellings() {
        var pass = (Cleaning.Cleaned) clean("{\"FHRSID\": 1, \"RatingValue\": \"Pass\", \"SchemeType\": \"FHIS\"}");
        assertThat(pass.rows().get(0).values()).containsEntry("rating_scheme", "FHIS")
            .containsEntry("rating_status", "pass")
            .containsEntry("rating_score", null);
        var awaiting = (Cleaning.Cleaned) clean(
                "{\"FHRSID\": 2, \"RatingValue\": \"Awaiting Inspection\", \"SchemeType\": \"FHIS\"}");
        assertThat(awaiting.rows().get(0).values()).containsEntry("rating_value", "AwaitingInspection")
            .containsEntry("rating_scheme", "FHIS");
        assertThat(awaiting.rules()).contains("fhrs.rating_spelling", "fhrs.rating_mapped");
    }

    @Test
    void nullsSentinelDatesAndEmptyGeocodes() {
        var cleaned = (Cleaning.Cleaned) clean("""
                {"FHRSID": 3, "RatingValue": "Exempt", "RatingDate": "1901-01-01T00:00:00",
                 "geocode": {"longitude": "", "latitude": ""}}""");
        assertThat(cleaned.rows().get(0).values()).containsEntry("rating_date", null).containsEntry("latitude", null);
        assertThat(cleaned.rules()).contains("fhrs.sentinel_date", "fhrs.geocode_empty");
    }

    @Test
    void deadLettersAnUnknownRatingAFhisNumberAndAMissingId() {
        assertThat(clean("{\"FHRSID\": 4, \"RatingValue\": \"7\"}")).isInstanceOf(Cleaning.Rejected.class)
            .extracting("rule")
            .isEqualTo("fhrs.unknown_rating");
        assertThat(clean("{\"FHRSID\": 5, \"RatingValue\": \"3\", \"SchemeType\": \"FHIS\"}")).extracting("rule")
            .isEqualTo("fhrs.unknown_rating");
        assertThat(clean("{\"RatingValue\": \"3\"}")).extracting("rule").isEqualTo("fhrs.no_id");
    }

    @Test
    void ignoresReferenceStreams() {
        assertThat(this.cleaner
            .clean(Raw.bare("weir.raw.fhrs", "1", "{\"ratingId\": 1}", Map.of("weir-stream", "ratings"))))
            .isEqualTo(new Cleaning.Ignored("fhrs.stream_not_loaded"));
    }

}
