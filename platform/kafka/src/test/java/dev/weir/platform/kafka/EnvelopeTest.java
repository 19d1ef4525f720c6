package dev.weir.platform.kafka;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnvelopeTest {

    private static final EventFormat CLOUDEVENTS_SDK = new JsonFormat();

    private final Envelope ride = new Envelope("e-1", URI.create("/weir/ingest/push/rides"), "weir.push.rides",
            "bike \"7\"\n", Instant.parse("2026-12-05T10:15:30.123456Z"), Envelope.JSON,
            "{\"ride_id\":\"R1\",\"km\":2.5,\"tags\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8));

    @Test
    void writesAValueTheCloudEventsSdkReadsWithEveryAttribute() {
        CloudEvent event = CLOUDEVENTS_SDK.deserialize(this.ride.toValue());

        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo("e-1");
        assertThat(event.getSource()).isEqualTo(URI.create("/weir/ingest/push/rides"));
        assertThat(event.getType()).isEqualTo("weir.push.rides");
        assertThat(event.getSubject()).isEqualTo("bike \"7\"\n");
        assertThat(event.getTime().toInstant()).isEqualTo(this.ride.time());
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
            .isEqualTo("{\"ride_id\":\"R1\",\"km\":2.5,\"tags\":[\"a\",\"b\"]}");
    }

    @Test
    void readsBackWhatItWroteWithJsonDataAsTheSameBytes() {
        Envelope read = Envelope.parse(this.ride.toValue());

        assertThat(read).isEqualTo(this.ride);
        assertThat(read.dataText()).isEqualTo(this.ride.dataText());
    }

    @Test
    void readsAnEventTheCloudEventsSdkWrote() {
        CloudEvent event = io.cloudevents.core.builder.CloudEventBuilder.v1()
            .withId("x-9")
            .withSource(URI.create("/elsewhere"))
            .withType("com.example.thing")
            .withTime(java.time.OffsetDateTime.parse("2026-01-02T03:04:05+01:00"))
            .withData("application/json", "{\"n\": 1}".getBytes(StandardCharsets.UTF_8))
            .build();

        Envelope read = Envelope.parse(CLOUDEVENTS_SDK.serialize(event));

        assertThat(read.id()).isEqualTo("x-9");
        assertThat(read.subject()).isNull();
        assertThat(read.time()).isEqualTo(Instant.parse("2026-01-02T02:04:05Z"));
        assertThat(read.dataText()).isEqualTo("{\"n\": 1}");
    }

    @Test
    void carriesDataThatIsNotJsonAsBase64() {
        byte[] bytes = { 0, (byte) 0xFF, '<', 'x' };
        Envelope page = new Envelope("p-1", URI.create("/weir/ingest/pull/fhrs"), "weir.dlq.page", null,
                Instant.parse("2026-12-05T00:00:00Z"), "text/html; charset=ISO-8859-1", bytes);

        assertThat(new String(page.toValue(), StandardCharsets.UTF_8)).contains("\"data_base64\":\"AP88eA==\"")
            .doesNotContain("\"subject\"");
        assertThat(Envelope.parse(page.toValue())).isEqualTo(page);
        assertThat(CLOUDEVENTS_SDK.deserialize(page.toValue()).getData().toBytes()).isEqualTo(bytes);
    }

    @Test
    void putsTheIdTypeAndMediaTypeInHeadersAndKeepsTheKey() {
        ProducerRecord<String, byte[]> record = this.ride.toRecord("weir.raw.rides", "bike-7");

        assertThat(record.key()).isEqualTo("bike-7");
        assertThat(record.partition()).isNull();
        assertThat(new String(record.headers().lastHeader(Envelope.EVENT_ID_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo("e-1");
        assertThat(new String(record.headers().lastHeader(Envelope.EVENT_TYPE_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo("weir.push.rides");
        assertThat(
                new String(record.headers().lastHeader(Envelope.CONTENT_TYPE_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo(Envelope.CLOUDEVENTS_JSON);
    }

    @Test
    void refusesValuesThatAreNotEnvelopes() {
        for (String value : List.of("", "[]", "{\"id\":\"1\"}", "{\"specversion\":\"0.3\",\"id\":\"1\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"yesterday\"}",
                "{\"specversion\":\"1.0\",\"id\":7,\"source\":\"/s\",\"type\":\"t\",\"time\":\"2026-01-01T00:00:00Z\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{")) {
            assertThatExceptionOfType(Envelope.MalformedEnvelopeException.class).as(value)
                .isThrownBy(() -> Envelope.parse(value.getBytes(StandardCharsets.UTF_8)));
        }
        assertThatExceptionOfType(Envelope.MalformedEnvelopeException.class).isThrownBy(() -> Envelope.parse(null));
    }

    @Test
    void makesIdsThatSortInTheOrderTheyWereMadeAndAreVersion7() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(EventIds.next());
        }

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(java.util.UUID.fromString(ids.get(0)).version()).isEqualTo(7);
        assertThat(java.util.UUID.fromString(ids.get(0)).variant()).isEqualTo(2);
    }

    @Test
    void writesTheTimeExactlyAsInstantToStringDoes() {
        java.util.Random random = new java.util.Random(5);
        List<Instant> times = new ArrayList<>(
                List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                        Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.EPOCH,
                        Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2026-12-05T10:15:30.120Z"),
                        Instant.parse("2026-12-05T10:15:30.000120Z"), Instant.parse("2026-12-05T10:15:30.000000120Z")));
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong(-62_200_000_000L, 253_500_000_000L);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            times.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant time : times) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Envelope.writeTime(out, time);
            assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("\"" + time + "\"");
        }
    }

    @Test
    void writesEveryTextAttributeSoThatItReadsBackTheSame() {
        for (String text : List.of("0193a1f2-6c3e-7a01-8f2b-3c4d5e6f7a8b", "bike-00017", "with \"quotes\"",
                "back\\slash", "line\nbreak", "tab\tand\u0001control", "del\u007f", "café", "🚲 bike", "a/b")) {
            Envelope envelope = new Envelope(text, URI.create("/weir/ingest/push/rides"), text, text,
                    Instant.parse("2026-12-05T10:15:30Z"), Envelope.JSON, "{}".getBytes(StandardCharsets.UTF_8));
            Envelope read = Envelope.parse(envelope.toValue());
            assertThat(read).as(text).isEqualTo(envelope);
            CloudEvent event = CLOUDEVENTS_SDK.deserialize(envelope.toValue());
            assertThat(event.getId()).isEqualTo(text);
            assertThat(event.getSubject()).isEqualTo(text);
        }
    }

}
