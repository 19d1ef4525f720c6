package dev.weir.ingest.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.networknt.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.weir.platform.kafka.EventTimes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick check never passes an event the general validator would refuse: it is
 * compared with the validator on events made from the built-in streams' schemas, valid
 * ones and ones broken at random with the values that sit on every limit.
 */
class FlatSchemaTest {

    private static final EventReader READER = new EventReader(32, 256 * 1024, 64 * 1024 * 1024);

    private static final String RIDE = """
            {"ride_id":"2017-07-17-000001","bike_id":"bike-00017","event":"end","at":"2017-07-17T08:01:02Z",
             "station_id":72,"station_name":"W 52 St & 11 Ave","lat":40.76727216,"lon":-73.99392888,
             "duration_s":300,"distance_m":1000.5,"member":true,"birth_year":1975}""";

    private static final String TELEMETRY = """
            {"bike_id":"bike-00017","vehicle_type_id":"ebike","reported_at":"2017-07-17T08:01:02+02:00",
             "lat":40.76727216,"lon":-73.99392888,"battery_pct":81.5,"current_range_meters":41000,
             "is_reserved":false,"is_disabled":false,"station_id":null,"speed_kmh":17.25}""";

    /** Values on and beside every limit of the built-in schemas, as JSON. */
    private static final List<String> VALUES = List.of("\"\"", "\"x\"", "\"start\"", "\"end\"", "\"other\"",
            "\"" + "a".repeat(64) + "\"", "\"" + "a".repeat(65) + "\"", "\"" + "a".repeat(200) + "\"",
            "\"" + "a".repeat(201) + "\"", "\"\uD83D\uDEB2" + "a".repeat(62) + "\"",
            "\"\uD83D\uDEB2" + "a".repeat(63) + "\"", "\"é\"", "0", "-0", "-1", "1", "1.0", "0.0", "-0.0", "1.5", "90",
            "90.0", "90.00000000000000000001", "-90", "-90.1", "180", "180.5", "-180", "100", "100.01", "200", "1900",
            "1899", "2100", "2101", "31536000", "31536001", "1000000", "1000000.5", "2147483647", "2147483648",
            "12345678901234567890", "1e400", "-1e400", "1e-400", "1E2", "true", "false", "null", "{}", "[]", "[1]",
            "{\"a\":1}", "\"2017-07-17T08:01:02Z\"", "\"2017-07-17T08:01:02.5Z\"",
            "\"2017-07-17T08:01:02.123456789+18:00\"", "\"2017-07-17T08:01:02.1234567890Z\"",
            "\"2017-07-17T08:01:02+18:01\"", "\"2017-07-17T08:01:02-05:30\"", "\"2017-02-29T00:00:00Z\"",
            "\"2016-02-29T00:00:00Z\"", "\"2017-04-31T00:00:00Z\"", "\"2017-07-17T24:00:00Z\"",
            "\"2016-12-31T23:59:60Z\"", "\"2017-07-17t08:01:02z\"", "\"2017-07-17T08:01Z\"", "\"2017-07-17 08:01:02Z\"",
            "\"0000-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999999999Z\"",
            "\"2017-07-17T08:01:02\"", "\"2017-13-01T00:00:00Z\"", "\"2017-07-17T08:01:02+0200\"",
            "\"2017-07-17T08:01:02.Z\"", "\"1500000000\"");

    @ParameterizedTest
    @ValueSource(strings = { "rides", "telemetry" })
    void neverPassesAnEventTheValidatorRefuses(String stream) throws IOException {
        JsonNode schema = schema(stream);
        FlatSchema quick = FlatSchema.of(schema);
        Schema validator = StreamDefinitionReader.compile(schema);
        assertThat(quick).as("the built-in schema is flat").isNotNull();
        ObjectNode valid = (ObjectNode) READER.parse(bytes(stream.equals("rides") ? RIDE : TELEMETRY));
        List<String> names = new ArrayList<>();
        schema.get("properties").properties().forEach((entry) -> names.add(entry.getKey()));
        names.add("extra");
        Random random = new Random(13);
        int passed = 0;
        int refusedByBoth = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            ObjectNode event = valid.deepCopy();
            for (int change = random.nextInt(4); change > 0; change--) {
                String name = names.get(random.nextInt(names.size()));
                if (random.nextInt(6) == 0) {
                    event.remove(name);
                }
                else {
                    event.set(name,
                            READER.parse(bytes("{\"v\":" + VALUES.get(random.nextInt(VALUES.size())) + "}")).get("v"));
                }
            }
            boolean generalValid = generalValid(validator, event);
            if (quick.certainlyValid(event)) {
                passed++;
                assertThat(generalValid).as("the validator's verdict on %s", event).isTrue();
            }
            else if (!generalValid) {
                refusedByBoth++;
            }
        }
        // both outcomes occur, so the comparison means something
        assertThat(passed).isGreaterThan(2_000);
        assertThat(refusedByBoth).isGreaterThan(2_000);
    }

    @ParameterizedTest
    @ValueSource(strings = { "rides", "telemetry" })
    void passesTheOrdinaryEventsOfTheBuiltInStreams(String stream) throws IOException {
        FlatSchema quick = FlatSchema.of(schema(stream));
        assertThat(quick.certainlyValid(READER.parse(bytes(stream.equals("rides") ? RIDE : TELEMETRY)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{type: object, properties: {a: {type: string, pattern: '^a'}}}",
            "{type: object, properties: {a: {type: object, properties: {b: {type: string}}}}}",
            "{type: object, properties: {a: {$ref: '#/$defs/b'}}, $defs: {b: {type: string}}}",
            "{$schema: 'http://json-schema.org/draft-07/schema#', type: object}",
            "{type: object, properties: {a: {type: string, format: email}}}",
            "{type: object, properties: {a: {enum: [1, 2]}}}", "{type: object, additionalProperties: {type: string}}",
            "{type: object, properties: {a: true}}", "{type: object, minProperties: 1}", "{type: array}" })
    void declinesASchemaWithAKeywordItDoesNotKnow(String yaml) {
        assertThat(FlatSchema.of(YAMLMapper.builder().build().readTree(yaml))).isNull();
    }

    @Test
    void readsTheCommonDateTimeFormAsTheGeneralParserDoes() {
        int read = 0;
        for (String value : VALUES) {
            if (!value.startsWith("\"")) {
                continue;
            }
            String text = value.substring(1, value.length() - 1);
            Instant quick = EventTimes.rfc3339(text);
            if (quick != null) {
                read++;
                assertThat(quick).as(text)
                    .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61),
                    List.of("", ".1", ".123", ".123456789").get(random.nextInt(4)),
                    List.of("Z", "+00:00", "-05:30", "+18:00", "-18:00", "+14:45").get(random.nextInt(6)));
            Instant quick = EventTimes.rfc3339(text);
            Instant general;
            try {
                general = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            catch (DateTimeParseException ex) {
                general = null;
            }
            if (quick != null) {
                read++;
                assertThat(quick).as(text).isEqualTo(general);
            }
            else if (general != null) {
                assertThat(text).as("only year 0000 is left to the general parser").startsWith("0000");
            }
        }
        assertThat(read).isGreaterThan(5_000);
    }

    private static boolean generalValid(Schema validator, JsonNode event) {
        try {
            return validator.validate(event).isEmpty();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static JsonNode schema(String stream) throws IOException {
        try (InputStream in = FlatSchemaTest.class.getResourceAsStream("/streams/" + stream + ".yml")) {
            return YAMLMapper.builder().build().readTree(in).get("schema");
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

}
