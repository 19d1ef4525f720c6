package dev.weir.retail.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvReaderTest {

    private static final List<String> COLUMNS = List.of("A", "B", "C");

    @Test
    void readsOneRecordPerLineWithFieldsSeparatedByCommas() throws IOException {
        assertThat(records("a,b,c\nd,e,f\n")).containsExactly(record(1, "a", "b", "c"), record(2, "d", "e", "f"));
    }

    @Test
    void readsEmptyFieldsIncludingALastOne() throws IOException {
        assertThat(records(",x,\n")).containsExactly(record(1, "", "x", ""));
    }

    @Test
    void readsTheLastRecordWithoutALineBreakAfterIt() throws IOException {
        assertThat(records("a,b\nc,d")).containsExactly(record(1, "a", "b"), record(2, "c", "d"));
    }

    @Test
    void unquotesQuotedFieldsHoldingCommasAndDoubledQuotes() throws IOException {
        assertThat(records("1,\"AIRLINE LOUNGE,METAL SIGN\",\"RECORD FRAME 7\"\" SINGLE\"\n"))
            .containsExactly(record(1, "1", "AIRLINE LOUNGE,METAL SIGN", "RECORD FRAME 7\" SINGLE"));
    }

    @Test
    void keepsLineBreaksInQuotedFieldsAndNumbersARecordByTheLineItStartsOn() throws IOException {
        assertThat(records("a,\"two\nlines\",b\nc,\"three\r\n\nlines\",d\ne,f,g\n")).containsExactly(
                record(1, "a", "two\nlines", "b"), record(3, "c", "three\r\n\nlines", "d"), record(6, "e", "f", "g"));
    }

    @Test
    void endsRecordsAtCrlfAsAtLf() throws IOException {
        assertThat(records("a,b\r\n\"c\",\"d\"\r\ne,f")).containsExactly(record(1, "a", "b"), record(2, "c", "d"),
                record(3, "e", "f"));
    }

    @Test
    void keepsACarriageReturnNotFollowedByALineFeedAsData() throws IOException {
        assertThat(records("a\rb,c\n")).containsExactly(record(1, "a\rb", "c"));
    }

    @Test
    void skipsEmptyLinesButCountsThem() throws IOException {
        assertThat(records("\na,b\n\r\n\nc,d\n\n")).containsExactly(record(2, "a", "b"), record(5, "c", "d"));
    }

    @Test
    void keepsAQuoteInsideAnUnquotedFieldAsData() throws IOException {
        assertThat(records("12\" RULER,x\n")).containsExactly(record(1, "12\" RULER", "x"));
    }

    @Test
    void readsRecordsThatCrossTheReadBuffer() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",\"desc, ").append(i).append(" \"\"q\"\"\nnext\",").append(i % 7).append('\n');
        }
        List<List<String>> records = records(text.toString());
        assertThat(records).hasSize(20_000);
        assertThat(records.get(12_345)).containsExactly("line 24691", "12345", "desc, 12345 \"q\"\nnext", "4");
    }

    @Test
    void readsPlainRecordsThatCrossTheReadBufferAndHashesTheFieldsOfThoseThatDoNot() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",plain ").append(i).append(',').append(i % 7).append((i % 2 == 0) ? "\n" : "\r\n");
        }
        CsvReader reader = new CsvReader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
                COLUMNS);
        int records = 0;
        int hashed = 0;
        while (reader.next()) {
            assertThat(reader.line()).isEqualTo(records + 1);
            assertThat(reader.text(1)).isEqualTo("plain " + records);
            assertThat(reader.text(2)).isEqualTo(String.valueOf(records % 7));
            if (reader.hashed()) {
                hashed++;
                for (int field = 0; field < reader.fieldCount(); field++) {
                    assertThat(reader.hash(field))
                        .isEqualTo(Symbols.rawHash(reader.bytes(), reader.start(field), reader.end(field)));
                }
            }
            records++;
        }
        assertThat(records).isEqualTo(20_000);
        // all but the few that straddle a 64 KB read
        assertThat(hashed).isGreaterThan(19_990).isLessThan(20_000);
    }

    @Test
    void rejectsAQuotedFieldThatIsNeverClosedNamingTheRecordsLineAndTheColumn() {
        assertThatExceptionOfType(ImportFormatException.class).isThrownBy(() -> records("a,b,c\nd,\"e,f\ng,h\n"))
            .satisfies((ex) -> {
                assertThat(ex.line()).isEqualTo(2);
                assertThat(ex.column()).isEqualTo("B");
                assertThat(ex.getMessage())
                    .isEqualTo("line 2, column B: the quoted field opened on line 2 is never closed");
            });
    }

    @Test
    void rejectsTextAfterAClosingQuoteNamingTheLineAndTheColumn() {
        assertThatExceptionOfType(ImportFormatException.class).isThrownBy(() -> records("a,b,c\nd,e,\"f\"g\n"))
            .satisfies((ex) -> {
                assertThat(ex.line()).isEqualTo(2);
                assertThat(ex.column()).isEqualTo("C");
            });
    }

    private static List<String> record(long line, String... fields) {
        List<String> record = new ArrayList<>();
        record.add("line " + line);
        record.addAll(List.of(fields));
        return record;
    }

    private static List<List<String>> records(String text) throws IOException {
        CsvReader reader = new CsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), COLUMNS);
        List<List<String>> records = new ArrayList<>();
        while (reader.next()) {
            List<String> record = new ArrayList<>();
            record.add("line " + reader.line());
            for (int field = 0; field < reader.fieldCount(); field++) {
                record.add(reader.text(field));
            }
            records.add(record);
        }
        return records;
    }

}
