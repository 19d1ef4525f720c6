package dev.weir.pipeline.fhrs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.spi.Cleaner;
import dev.weir.pipeline.spi.Cleaning;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.spi.RawRecord;
import dev.weir.pipeline.spi.Row;

/** The FHRS rules ({@link FhrsDataset#RULES}). */
final class FhrsCleaner implements Cleaner {

    /**
     * The source writes "no date" as 0001-01-01, 1900-01-01 or 1901-01-01 (3,998 of the
     * recorded establishments, mostly exempt ones): no real rating is that old.
     */
    private static final LocalDate SENTINELS_BEFORE = LocalDate.of(1902, 1, 1);

    @Override
    public Cleaning clean(RawRecord record) {
        JsonNode json = JsonValues.parse(record.data());
        if (!json.isObject()) {
            return Cleaning.reject("fhrs.unreadable", "the record is not a JSON object");
        }
        String stream = record.stream();
        if ("business_types".equals(stream) || "ratings".equals(stream)) {
            return new Cleaning.Ignored("fhrs.stream_not_loaded");
        }
        if ("authorities".equals(stream) || (stream == null && json.has("LocalAuthorityId") && !json.has("FHRSID"))) {
            return authority(json, record);
        }
        return establishment(json, record);
    }

    private Cleaning authority(JsonNode json, RawRecord record) {
        Long id = whole(json, "LocalAuthorityId");
        if (id == null) {
            return Cleaning.reject("fhrs.no_id",
                    "LocalAuthorityId is missing or not a number: " + JsonValues.text(json, "LocalAuthorityId"));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("local_authority_id", id.intValue());
        row.put("code", JsonValues.text(json, "LocalAuthorityIdCode"));
        String name = JsonValues.text(json, "Name", "FriendlyName");
        row.put("name", (name != null) ? name : "Authority " + id);
        row.put("region_name", JsonValues.text(json, "RegionName"));
        row.put("scheme_type", scheme(JsonValues.text(json, "SchemeType")));
        Long count = whole(json, "EstablishmentCount");
        row.put("establishment_count", (count != null) ? count.intValue() : null);
        String published = JsonValues.text(json, "LastPublishedDate");
        row.put("last_published_at", (published != null) ? JsonValues.instant(published) : null);
        row.put("received_at", record.timestamp());
        return Cleaning.rows(List.of(new Row(FhrsDataset.AUTHORITY, row)), List.of());
    }

    private Cleaning establishment(JsonNode json, RawRecord record) {
        List<String> rules = new ArrayList<>();
        Long id = whole(json, "FHRSID");
        if (id == null) {
            return Cleaning.reject("fhrs.no_id",
                    "FHRSID is missing or not a number: " + JsonValues.text(json, "FHRSID"));
        }
        String value = JsonValues.text(json, "RatingValue");
        String declaredScheme = scheme(JsonValues.text(json, "SchemeType"));
        Rating rating = Rating.of(value, declaredScheme);
        if (rating == null) {
            return Cleaning.reject("fhrs.unknown_rating",
                    "RatingValue '" + value + "' is not a rating of scheme " + declaredScheme);
        }
        if (rating.score() == null) {
            rules.add("fhrs.rating_mapped");
        }
        if (value.indexOf(' ') > 0 && !value.equals(rating.canonical())) {
            rules.add("fhrs.rating_spelling");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("fhrs_id", id);
        row.put("business_name", JsonValues.text(json, "BusinessName"));
        row.put("business_type", JsonValues.text(json, "BusinessType"));
        Long typeId = whole(json, "BusinessTypeID");
        row.put("business_type_id", (typeId != null) ? typeId.intValue() : null);
        row.put("address_line1", JsonValues.text(json, "AddressLine1"));
        row.put("address_line2", JsonValues.text(json, "AddressLine2"));
        row.put("address_line3", JsonValues.text(json, "AddressLine3"));
        row.put("address_line4", JsonValues.text(json, "AddressLine4"));
        row.put("postcode", JsonValues.text(json, "PostCode"));
        row.put("rating_scheme", rating.scheme());
        row.put("rating_value", rating.canonical());
        row.put("rating_status", rating.status());
        row.put("rating_score", rating.score());
        LocalDate date = ratingDate(JsonValues.text(json, "RatingDate"));
        if (date != null && date.isBefore(SENTINELS_BEFORE)) {
            rules.add("fhrs.sentinel_date");
            date = null;
        }
        row.put("rating_date", date);
        row.put("rating_date_key", (date != null) ? JsonValues.dateKey(date) : null);
        row.put("local_authority_code", JsonValues.text(json, "LocalAuthorityCode"));
        row.put("local_authority_name", JsonValues.text(json, "LocalAuthorityName"));
        JsonNode scores = json.get("scores");
        row.put("hygiene_score", score(scores, "Hygiene"));
        row.put("structural_score", score(scores, "Structural"));
        row.put("confidence_score", score(scores, "ConfidenceInManagement"));
        JsonNode geocode = json.get("geocode");
        Double longitude = number(geocode, "longitude");
        Double latitude = number(geocode, "latitude");
        if (longitude == null || latitude == null) {
            rules.add("fhrs.geocode_empty");
            longitude = null;
            latitude = null;
        }
        else if ((longitude == 0 && latitude == 0) || latitude < 49 || latitude > 61 || longitude < -9
                || longitude > 3) {
            rules.add("fhrs.geocode_invalid");
            longitude = null;
            latitude = null;
        }
        row.put("longitude", longitude);
        row.put("latitude", latitude);
        row.put("new_rating_pending", newRatingPending(json));
        row.put("received_at", record.timestamp());
        return Cleaning.rows(List.of(new Row(FhrsDataset.ESTABLISHMENT, row)), rules);
    }

    private static Boolean newRatingPending(JsonNode json) {
        try {
            return JsonValues.bool(json, "NewRatingPending");
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static LocalDate ratingDate(String text) {
        if (text == null) {
            return null;
        }
        return (text.length() > 10) ? LocalDateTime.parse(text.substring(0, 19)).toLocalDate() : LocalDate.parse(text);
    }

    private static Short score(JsonNode scores, String name) {
        Long value = whole(scores, name);
        return (value != null) ? value.shortValue() : null;
    }

    private static Double number(JsonNode node, String name) {
        try {
            return JsonValues.number(node, name);
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Long whole(JsonNode node, String name) {
        try {
            return JsonValues.whole(node, name);
        }
        catch (NumberFormatException | ArithmeticException ex) {
            return null;
        }
    }

    private static String scheme(String schemeType) {
        if (schemeType == null) {
            return null;
        }
        return schemeType.toUpperCase(Locale.ROOT).contains("FHIS") ? "FHIS" : "FHRS";
    }

    /**
     * A rating value in one typed scheme.
     *
     * @param scheme FHRS or FHIS
     * @param canonical the value's canonical spelling
     * @param status what kind of value it is
     * @param score the FHRS number, or null
     */
    record Rating(String scheme, String canonical, String status, Short score) {

        static Rating of(String value, String declaredScheme) {
            if (value == null) {
                return null;
            }
            String squashed = value.replace(" ", "").toLowerCase(Locale.ROOT);
            if (squashed.length() == 1 && Character.isDigit(squashed.charAt(0))) {
                int score = squashed.charAt(0) - '0';
                if (score > 5 || "FHIS".equals(declaredScheme)) {
                    return null;
                }
                return new Rating("FHRS", squashed, "rated", (short) score);
            }
            String fhrs = (declaredScheme != null) ? declaredScheme : "FHRS";
            return switch (squashed) {
                case "exempt" -> new Rating(fhrs, "Exempt", "exempt", null);
                case "awaitinginspection" -> new Rating(fhrs, "AwaitingInspection", "awaiting_inspection", null);
                case "awaitingpublication" -> new Rating(fhrs, "AwaitingPublication", "awaiting_publication", null);
                case "pass" -> new Rating("FHIS", "Pass", "pass", null);
                case "passandeatsafe" -> new Rating("FHIS", "Pass and Eat Safe", "pass_eat_safe", null);
                case "improvementrequired" -> new Rating("FHIS", "Improvement Required", "improvement_required", null);
                default -> null;
            };
        }

    }

}
