package dev.weir.platform.database;

import java.time.Duration;

import jakarta.validation.Valid;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every Weir service with a database shares ({@code weir.database.*}).
 *
 * @param breaker the breaker in front of the connection pool
 */
@ConfigurationProperties("weir.database")
@Validated
public record WeirDatabaseProperties(@DefaultValue @Valid Breaker breaker) {

    /**
     * The breaker in front of the connection pool ({@code weir.database.breaker.*}).
     *
     * @param enabled whether the pool has a breaker in front of it
     * @param probeInterval how long the breaker waits between two attempts to reach the
     * database while it is open
     */
    public record Breaker(@DefaultValue("true") boolean enabled,
            @DefaultValue("500ms") @DurationMin(millis = 10) Duration probeInterval) {

    }

}
