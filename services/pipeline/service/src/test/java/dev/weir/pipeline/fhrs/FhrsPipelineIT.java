package dev.weir.pipeline.fhrs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.support.PipelineIT;
import dev.weir.pipeline.support.RawProducer;
import dev.weir.pipeline.support.TestData;
import dev.weir.pipeline.support.Warehouse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real FHRS records, pulled (enveloped) and pre-envelope (bare JSON), through the clean
 * stage and the loader: counts, rules, repeats, a poisoned record and sample values.
 */
@PipelineIT
class FhrsPipelineIT {

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void loadsEstablishmentsOnceEachWithEveryRuleCountedAndPoisonDeadLettered() {
        List<JsonNode> all = TestData.fhrsEstablishments();
        List<JsonNode> sent = new ArrayList<>(all.subList(0, 1500));
        all.subList(1500, all.size())
            .stream()
            .filter((e) -> "FHIS".equals(e.path("SchemeType").asString()))
            .forEach(sent::add);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        try (RawProducer producer = new RawProducer(this.bootstrap)) {
            for (int i = 0; i < sent.size(); i++) {
                JsonNode establishment = sent.get(i);
                byte[] json = establishment.toString().getBytes(StandardCharsets.UTF_8);
                String key = establishment.path("FHRSID").asString();
                records.add(
                        (i % 5 == 0)
                                ? producer.bare("weir.raw.fhrs", key, json,
                                        Map.of("weir-connector", "fhrs", "weir-stream", "establishments", "weir-run-id",
                                                "run-1"))
                                : producer.pulled("fhrs", "establishments", key, json, "run-1"));
            }
            // a second run pulls 20 of them again, unchanged
            for (int i = 0; i < 20; i++) {
                JsonNode establishment = sent.get(i * 7);
                records.add(producer.pulled("fhrs", "establishments", establishment.path("FHRSID").asString(),
                        establishment.toString().getBytes(StandardCharsets.UTF_8), "run-2"));
            }
            records.add(producer.pulled("fhrs", "establishments", "poison",
                    "{\"FHRSID\": 1, \"RatingValue\": \"7\"}".getBytes(StandardCharsets.UTF_8), "run-2"));
            records.add(producer.bare("weir.raw.fhrs", "garbage", new byte[] { '{', 'n', 'o', 't', (byte) 0xff },
                    Map.of("weir-stream", "establishments")));
            // records after the poison ones are still cleaned
            JsonNode last = all.get(all.size() - 1);
            records.add(producer.pulled("fhrs", "establishments", last.path("FHRSID").asString(),
                    last.toString().getBytes(StandardCharsets.UTF_8), "run-2"));
            sent.add(last);
            producer.send(records);
        }
        Map<Long, JsonNode> latest = new LinkedHashMap<>();
        sent.forEach((e) -> latest.put(e.path("FHRSID").asLong(), e));
        Warehouse warehouse = new Warehouse(this.jdbc);
        Warehouse.await("every establishment is loaded and counted", Duration.ofSeconds(120),
                () -> warehouse.count("fhrs_establishment") == latest.size()
                        && warehouse.counter("fhrs", "raw") == records.size() && warehouse.count("dead_letter") == 2);

        long goodRecords = sent.size() + 20;
        assertThat(warehouse.counter("fhrs", "raw")).isEqualTo(records.size());
        assertThat(warehouse.counter("fhrs", "dead_letter")).isEqualTo(2);
        assertThat(warehouse.counter("fhrs", "dead_letter.fhrs.unknown_rating")).isEqualTo(1);
        assertThat(warehouse.counter("fhrs", "dead_letter.fhrs.unreadable")).isEqualTo(1);
        assertThat(warehouse.counter("fhrs", "cleaned") + warehouse.counter("fhrs", "duplicate"))
            .isEqualTo(goodRecords);
        assertThat(warehouse.counter("fhrs", "duplicate")).isGreaterThanOrEqualTo(20);
        List<JsonNode> cleanedRecords = new ArrayList<>(sent);
        for (int i = 0; i < 20; i++) {
            cleanedRecords.add(sent.get(i * 7));
        }
        assertThat(warehouse.counter("fhrs", "rule.fhrs.sentinel_date"))
            .isEqualTo(cleanedRecords.stream()
                .filter((e) -> LocalDate.parse(e.path("RatingDate").asString().substring(0, 10)).getYear() < 1902)
                .count())
            .isPositive();
        assertThat(warehouse.counter("fhrs", "rule.fhrs.rating_spelling"))
            .isEqualTo(cleanedRecords.stream()
                .filter((e) -> e.path("RatingValue").asString().equals("Awaiting Inspection"))
                .count())
            .isPositive();
        assertThat(warehouse.counter("fhrs", "rule.fhrs.rating_mapped")).isEqualTo(
                cleanedRecords.stream().filter((e) -> !e.path("RatingValue").asString().matches("[0-5]")).count());
        assertThat(warehouse.counter("fhrs", "loaded.fhrs_establishment.inserted")).isEqualTo(latest.size());

        // the scheme is typed, FHIS and FHRS apart
        JsonNode pass = sent.stream()
            .filter((e) -> e.path("RatingValue").asString().equals("Pass"))
            .findFirst()
            .orElseThrow();
        assertThat(this.jdbc
            .sql("SELECT rating_scheme || '/' || rating_status || '/' || coalesce(rating_score::text, '-') "
                    + "FROM warehouse.fhrs_establishment WHERE fhrs_id = ?")
            .param(pass.path("FHRSID").asLong())
            .query(String.class)
            .single()).isEqualTo("FHIS/pass/-");
        JsonNode five = sent.stream()
            .filter((e) -> e.path("RatingValue").asString().equals("5"))
            .findFirst()
            .orElseThrow();
        Map<String, Object> row = this.jdbc.sql("SELECT * FROM warehouse.fhrs_establishment WHERE fhrs_id = ?")
            .param(five.path("FHRSID").asLong())
            .query()
            .singleRow();
        assertThat(((Number) row.get("rating_score")).intValue()).isEqualTo(5);
        assertThat(row.get("business_name")).isEqualTo(five.path("BusinessName").asString());
        assertThat((Double) row.get("latitude"))
            .isEqualTo(Double.parseDouble(five.path("geocode").path("latitude").asString()));
        assertThat(row.get("rating_date").toString()).isEqualTo(five.path("RatingDate").asString().substring(0, 10));

        // the poisoned record is a dead letter with its original bytes and where it came
        // from
        Map<String, Object> letter = this.jdbc
            .sql("SELECT * FROM warehouse.dead_letter WHERE rule = 'fhrs.unknown_rating'")
            .query()
            .singleRow();
        assertThat(new String((byte[]) letter.get("original_value"), StandardCharsets.UTF_8))
            .contains("\"RatingValue\": \"7\"");
        assertThat(letter.get("original_topic")).isEqualTo("weir.raw.fhrs");
        assertThat(letter.get("reason").toString()).contains("'7'");
        assertThat(letter.get("provenance").toString()).contains("run-2");
    }

}
