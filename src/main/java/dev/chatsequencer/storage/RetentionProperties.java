package dev.chatsequencer.storage;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much history every conversation keeps: at most {@code maxEntries} entries and none older than {@code maxAge}
 * (0: no such limit). The counter never goes back: what retention takes leaves a gap readers see named.
 */
@Validated
@ConfigurationProperties("chat.history.retention")
public record RetentionProperties(@PositiveOrZero long maxEntries, Duration maxAge) {

    public RetentionProperties {
        if (maxAge == null) {
            maxAge = Duration.ZERO;
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("chat.history.retention.max-age must not be negative, was " + maxAge);
        }
    }

    /** The policy as the scripts read it at {@code now}: lib/timeline's retention_policy. */
    String policy(Instant now) {
        return maxEntries + " " + maxAge.toMillis() + " " + now.toEpochMilli();
    }

    /** True when entries expire by age, so the policy depends on the time. */
    boolean byAge() {
        return !maxAge.isZero();
    }
}
