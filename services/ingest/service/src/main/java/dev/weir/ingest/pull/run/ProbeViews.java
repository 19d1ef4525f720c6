package dev.weir.ingest.pull.run;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** What trying a connector without a run answers ({@link PullProbe}). */
public final class ProbeViews {

    private ProbeViews() {
    }

    /**
     * A connector checked: its definition is valid (an invalid one is a 422 problem
     * listing every problem), and one request per stream.
     *
     * @param ok whether every stream answered a readable page
     */
    public record Check(String connector, boolean ok, List<StreamCheck> streams) {

        static Check of(String connector, List<StreamCheck> streams) {
            return new Check(connector, streams.stream().allMatch(StreamCheck::ok), streams);
        }

    }

    /**
     * One stream's first request.
     *
     * @param url the URL requested (secrets masked), or null when none could be
     * @param status the HTTP status of the answer, or null when there was none
     * @param ok whether a readable page came back whose records can all be published
     * @param records the records the page holds, or null when it could not be read
     * @param nextPage whether the page says another follows, or null
     * @param problem what went wrong, or null
     * @param millis how long the request took, retries included
     */
    public record StreamCheck(String stream, String url, Integer status, boolean ok, Integer records, Boolean nextPage,
            String problem, long millis) {

        static StreamCheck notRequested(String stream, String why) {
            return new StreamCheck(stream, null, null, false, null, null, why, 0);
        }

    }

    /**
     * The first records of a stream, as a run would publish them to
     * {@code weir.raw.<connector>}.
     *
     * @param requests the URLs read, in order (a child stream's parents' first pages
     * first)
     * @param problems what stopped the preview early, if anything
     */
    public record Preview(String connector, String stream, List<PreviewRecord> records, List<String> requests,
            List<String> problems) {

        public Preview {
            records = List.copyOf(records);
            requests = requests.stream().filter(java.util.Objects::nonNull).toList();
            problems = List.copyOf(problems);
        }

    }

    /** A record: its Kafka key and its value. */
    public record PreviewRecord(String key, JsonNode record) {
    }

}
