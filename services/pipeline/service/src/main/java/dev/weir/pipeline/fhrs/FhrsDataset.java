package dev.weir.pipeline.fhrs;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.weir.pipeline.spi.Column;
import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.Dataset.Repeats;
import dev.weir.pipeline.spi.Dataset.SourceTopic;
import dev.weir.pipeline.spi.Rule;
import dev.weir.pipeline.spi.Rule.Action;
import dev.weir.pipeline.spi.Table;

/**
 * UK food hygiene ratings pulled by the {@code fhrs} connector ({@code weir.raw.fhrs}):
 * establishments and local authorities. The same FHRSID seen again replaces the stored
 * row (the latest version read wins; the loader counts it as an update).
 */
@Configuration(proxyBeanMethods = false)
class FhrsDataset {

    static final Table ESTABLISHMENT = new Table("fhrs_establishment",
            List.of(Column.bigint("fhrs_id"), Column.text("business_name"), Column.text("business_type"),
                    Column.integer("business_type_id"), Column.text("address_line1"), Column.text("address_line2"),
                    Column.text("address_line3"), Column.text("address_line4"), Column.text("postcode"),
                    Column.text("rating_scheme"), Column.text("rating_value"), Column.text("rating_status"),
                    Column.smallint("rating_score"), Column.date("rating_date"), Column.integer("rating_date_key"),
                    Column.text("local_authority_code"), Column.text("local_authority_name"),
                    Column.smallint("hygiene_score"), Column.smallint("structural_score"),
                    Column.smallint("confidence_score"), Column.float8("longitude"), Column.float8("latitude"),
                    Column.bool("new_rating_pending"), Column.timestamptz("received_at")),
            List.of("fhrs_id"), null);

    static final Table AUTHORITY = new Table("fhrs_authority",
            List.of(Column.integer("local_authority_id"), Column.text("code"), Column.text("name"),
                    Column.text("region_name"), Column.text("scheme_type"), Column.integer("establishment_count"),
                    Column.timestamptz("last_published_at"), Column.timestamptz("received_at")),
            List.of("local_authority_id"), null);

    static final List<Rule> RULES = List.of(
            new Rule("fhrs.rating_mapped", Action.NORMALISE,
                    "RatingValue mapped to one scheme: rating_scheme FHRS (0-5, Exempt, AwaitingInspection, "
                            + "AwaitingPublication) or FHIS (Pass, Pass and Eat Safe, Improvement Required, ...), "
                            + "rating_status and rating_score (the number, FHRS 0-5 only); counted when the value "
                            + "is not a number"),
            new Rule("fhrs.rating_spelling", Action.NORMALISE,
                    "A rating spelt with spaces ('Awaiting Inspection') is the same status as its camel-case "
                            + "spelling ('AwaitingInspection')"),
            new Rule("fhrs.sentinel_date", Action.NORMALISE,
                    "RatingDate 0001-01-01, 1900-01-01 or 1901-01-01 (the source's 'no date'; any date before 1902) becomes null"),
            new Rule("fhrs.geocode_empty", Action.NORMALISE,
                    "No geocode, or an empty one: longitude and latitude null"),
            new Rule("fhrs.geocode_invalid", Action.NORMALISE,
                    "A geocode outside the UK's range (or 0,0): longitude and latitude null"),
            new Rule("fhrs.unknown_rating", Action.DEAD_LETTER,
                    "A RatingValue no scheme knows, or a number under FHIS: dead-lettered"),
            new Rule("fhrs.no_id", Action.DEAD_LETTER, "No FHRSID (or LocalAuthorityId), or not a number"),
            new Rule("fhrs.stream_not_loaded", Action.IGNORE,
                    "Records of the business_types and ratings streams: reference lists, not loaded"),
            new Rule("fhrs.unreadable", Action.DEAD_LETTER, "The record is not a JSON object"));

    @Bean
    Dataset fhrs() {
        return new Dataset("fhrs", List.of(new SourceTopic("weir.raw.fhrs", 3, true)),
                List.of(ESTABLISHMENT, AUTHORITY), RULES, Repeats.CONTENT, new FhrsCleaner());
    }

}
