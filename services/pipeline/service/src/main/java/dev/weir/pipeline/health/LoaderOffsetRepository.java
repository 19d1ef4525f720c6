package dev.weir.pipeline.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where the warehouse loader stands on each partition, for the lag it reports. */
@Repository
class LoaderOffsetRepository {

    private final JdbcClient jdbc;

    LoaderOffsetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next offset the loader will load, per partition of {@code topics} it loaded.
     */
    Map<TopicPartition, Long> offsets(List<String> topics) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String topic : topics) {
            this.jdbc.sql("SELECT partition, next_offset FROM warehouse.loader_offset WHERE topic = ?")
                .param(topic)
                .query((rs, n) -> offsets.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2)))
                .list();
        }
        return offsets;
    }

}
