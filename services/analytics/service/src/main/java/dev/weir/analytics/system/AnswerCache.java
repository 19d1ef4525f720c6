package dev.weir.analytics.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.weir.platform.error.WeirException;

/**
 * Answers kept until their dataset's version moves: an answer is computed once per
 * version and question, then served from memory (the question is the request's
 * parameters, normalised). Bounded; the least recently used answers go first.
 */
@Component
public class AnswerCache {

    private final DataVersions versions;

    private final boolean enabled;

    private final Duration maxAge;

    private final Map<String, Answer> entries;

    AnswerCache(DataVersions versions, AnalyticsProperties properties) {
        this.versions = versions;
        this.enabled = properties.cache().enabled();
        this.maxAge = properties.freshness().maxAge();
        int capacity = properties.cache().entries();
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The answer to {@code question} about {@code dataset} at its current version,
     * computed by {@code compute} when not kept.
     * @throws WeirException unavailable when the warehouse has no aggregates yet (the
     * pipeline has not created its schema)
     */
    @SuppressWarnings("unchecked")
    public <T> Fresh<T> get(Dataset dataset, String question, Supplier<T> compute) {
        DataVersion version = Warehouse.guard(() -> this.versions.current(dataset));
        String key = dataset.name() + "|" + question;
        if (this.enabled) {
            Answer entry;
            synchronized (this.entries) {
                entry = this.entries.get(key);
            }
            if (entry != null && entry.version == version.version()) {
                return fresh((T) entry.value, version);
            }
        }
        T value = Warehouse.guard(compute);
        if (this.enabled) {
            synchronized (this.entries) {
                this.entries.put(key, new Answer(version.version(), value));
            }
        }
        return fresh(value, version);
    }

    /**
     * Runs a read of the warehouse, reporting a missing warehouse as unavailable (503)
     * rather than as a failure.
     */
    public static <T> T guarded(Supplier<T> read) {
        return Warehouse.guard(read);
    }

    private <T> Fresh<T> fresh(T value, DataVersion version) {
        return new Fresh<>(value, version.etag(), version.changedAt(), this.maxAge);
    }

    private record Answer(long version, Object value) {
    }

    /** What a missing warehouse looks like to a client. */
    static final class Warehouse {

        private Warehouse() {
        }

        static <T> T guard(Supplier<T> read) {
            try {
                return read.get();
            }
            catch (DataAccessException ex) {
                if (missingRelation(ex)) {
                    throw WeirException.unavailable("Warehouse not ready",
                            "The warehouse has no analytics tables yet: the Pipeline service creates them when it "
                                    + "first starts (Flyway migrations of schema warehouse).");
                }
                throw ex;
            }
        }

        private static boolean missingRelation(Throwable ex) {
            for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.sql.SQLException sql
                        && ("42P01".equals(sql.getSQLState()) || "3F000".equals(sql.getSQLState()))) {
                    return true;
                }
            }
            return false;
        }

    }

}
