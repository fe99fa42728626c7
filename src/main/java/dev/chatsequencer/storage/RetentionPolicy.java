package dev.chatsequencer.storage;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The retention policy as every script that reads or writes entries takes it (lib/timeline's retention_policy):
 * written once at start-up when it does not depend on the time, else at the time of the read or write.
 */
@Component
class RetentionPolicy {

    private final RetentionProperties retention;
    private final Clock clock;
    private final String timeless;

    RetentionPolicy(RetentionProperties retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
        this.timeless = retention.policy(Instant.EPOCH);
    }

    /** For a read: what has expired is gone for it now, trimmed by a write or not. */
    String now() {
        return retention.byAge() ? retention.policy(clock.instant()) : timeless;
    }

    /** For a write made at {@code at}. */
    String at(Instant at) {
        return retention.byAge() ? retention.policy(at) : timeless;
    }
}
