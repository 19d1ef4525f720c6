package dev.weir.analytics.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Dataset answers as the servlet stack wrote them (JSON bytes and headers), by request
 * path and query, so {@link KeptAnswersHandler} can send them again without Spring MVC
 * for as long as their dataset's version has not moved. Bounded: when full it starts
 * over.
 */
@Component
public class RenderedAnswers {

    private final Map<String, Rendered> byRequest = new ConcurrentHashMap<>();

    private final int capacity;

    RenderedAnswers(AnalyticsProperties properties) {
        this.capacity = properties.cache().entries();
    }

    /**
     * An answer as sent.
     *
     * @param dataset its dataset
     * @param version the dataset's version it was computed at
     * @param body the JSON
     * @param headers the headers to send with it (ETag, Cache-Control, Last-Modified,
     * Link), name then value
     */
    public record Rendered(Dataset dataset, long version, String etag, byte[] body, List<String> headers) {
    }

    Rendered get(String request) {
        return this.byRequest.get(request);
    }

    void put(String request, Rendered rendered) {
        if (this.byRequest.size() >= this.capacity) {
            this.byRequest.clear();
        }
        this.byRequest.put(request, rendered);
    }

}
