package dev.weir.ingest.pull.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.weir.ingest.pull.definition.ConnectorDefinitions;
import dev.weir.platform.kafka.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

class RawRecordsTest {

    private static final int MAX_BYTES = 4096;

    private final RawRecords raw = new RawRecords(ConnectorDefinitions.read("""
            name: items
            base_url: http://127.0.0.1:1
            streams:
              - name: items
                path: /items
                records: $.items[*]
                primary_key: id
            """), MAX_BYTES);

    private final RawRecords.Origin origin = new RawRecords.Origin("items", "items", "run-1",
            RequestFingerprint.ofGet(java.net.URI.create("http://127.0.0.1:1/items")), "http://127.0.0.1:1/items",
            Instant.parse("2026-12-05T10:00:00Z"));

    @Test
    void aBadPageTooLargeIsCutSoThatItsWholeValueStaysWithinTheRecordSizeLimit() {
        byte[] body = new byte[3 * MAX_BYTES];
        Arrays.fill(body, (byte) '<');

        ProducerRecord<String, byte[]> dead = this.raw.deadLetter("f1", body, "not JSON", 200, this.origin);

        assertThat(dead.value().length).isLessThanOrEqualTo(MAX_BYTES);
        Envelope event = Envelope.parse(dead.value());
        assertThat(event.dataContentType()).isEqualTo("application/octet-stream");
        assertThat(event.data()).isEqualTo(Arrays.copyOf(body, event.data().length));
        assertThat(header(dead, IngestHeaders.TRUNCATED_FROM)).isEqualTo(Integer.toString(body.length));
    }

    @Test
    void jsonCutShortIsCarriedAsBytesAndWholeJsonAsJson() {
        byte[] cut = "{\"items\": [{\"id\": 1}".getBytes(StandardCharsets.UTF_8);
        byte[] whole = "{\"items\": 3}".getBytes(StandardCharsets.UTF_8);

        Envelope cutEvent = Envelope.parse(this.raw.deadLetter("f1", cut, "cut", 200, this.origin).value());
        Envelope wholeEvent = Envelope.parse(this.raw.deadLetter("f2", whole, "shape", 200, this.origin).value());

        assertThat(cutEvent.dataContentType()).isEqualTo("application/octet-stream");
        assertThat(cutEvent.data()).isEqualTo(cut);
        assertThat(wholeEvent.dataContentType()).isEqualTo("application/json");
        assertThat(wholeEvent.dataText()).isEqualTo("{\"items\": 3}");
    }

    @Test
    void theSameRecordHasTheSameIdAndAnotherContentAnother() {
        byte[] record = "{\"id\":1,\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        byte[] changed = "{\"id\":1,\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        RawRecords.Origin later = new RawRecords.Origin("items", "items", "run-2", this.origin.fingerprint(),
                this.origin.sourceUrl(), Instant.parse("2026-12-06T10:00:00Z"));

        String id = Envelope.parse(this.raw.record("1", record, null, this.origin).value()).id();

        assertThat(Envelope.parse(this.raw.record("1", record, null, later).value()).id()).isEqualTo(id);
        assertThat(Envelope.parse(this.raw.record("1", changed, null, this.origin).value()).id()).isNotEqualTo(id);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
