package dev.weir.cli;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTextTest {

    @Test
    void rendersAReportAsTheRunCommandPrintsIt() {
        String report = """
                {"run_id": "r-2", "connector": "fhrs", "sync_id": "r-1", "resumed": true, "refetch": false,
                 "status": "failed", "duration_seconds": 12.34,
                 "counts": {"requests": 60, "pages": 54, "pages_skipped": 2, "records": 1200, "records_filtered": 3,
                            "retries": 6, "rate_limited": 1, "dead_letters": 1},
                 "streams": {"authorities": {"partitions": 1, "pages": 1, "pages_skipped": 0, "records": 6,
                                             "records_filtered": 0, "dead_letters": 0},
                             "establishments": {"partitions": 6, "pages": 53, "pages_skipped": 2, "records": 1194,
                                                "records_filtered": 3, "dead_letters": 1}},
                 "dead_letter_reasons": ["establishments http://x/p?n=3: not JSON"], "notes": ["a note"],
                 "error": "GET http://x/p?n=4 answered 404 Not Found"}
                """;

        String text = ReportText.render(JsonMapper.builder().build().readTree(report));

        assertThat(text).isEqualTo("""
                Run r-2 of fhrs: failed in 12.3 s (resumed the unfinished sync r-1)
                  stream                   partitions    pages  skipped    records  filtered dead letters
                  authorities                       1        1        0          6         0            0
                  establishments                    6       53        2      1,194         3            1
                  requests 60, retries 6, 429s 1, dead letters 1
                  dead letters (topic weir.dlq.fhrs):
                    establishments http://x/p?n=3: not JSON
                  note: a note
                  stopped: GET http://x/p?n=4 answered 404 Not Found
                """);
    }

}
