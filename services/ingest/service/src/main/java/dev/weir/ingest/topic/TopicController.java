package dev.weir.ingest.topic;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Weir's Kafka topics, as {@code weir topics} shows them. */
@RestController
@RequestMapping(path = "/topics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Topics", description = "Weir's Kafka topics: raw records, dead letters, events")
class TopicController {

    private final KafkaTopics topics;

    TopicController(KafkaTopics topics) {
        this.topics = topics;
    }

    @GetMapping
    @Operation(summary = "List Weir's topics",
            description = "Every weir.* topic of the cluster, by name: partitions, replicas, retention (ms, -1 for "
                    + "ever), cleanup policy and records held.")
    @ApiResponse(responseCode = "200", description = "Weir's topics")
    @ApiResponse(responseCode = "503", ref = "Unavailable")
    List<TopicView> list() {
        return this.topics.list();
    }

}
