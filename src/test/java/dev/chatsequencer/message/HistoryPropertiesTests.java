package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The delete window: unlimited when unset or zero, else passed strictly after it. */
class HistoryPropertiesTests {

    static final Instant SENT = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void withoutAWindowASenderMayDeleteAnyTime() {
        assertThat(new HistoryProperties(null, 100).windowPassed(SENT, SENT.plus(Duration.ofDays(3650)))).isFalse();
        assertThat(new HistoryProperties(Duration.ZERO, 100).windowPassed(SENT, SENT.plusSeconds(1))).isFalse();
    }

    @Test
    void aWindowPassesJustAfterItsEnd() {
        HistoryProperties history = new HistoryProperties(Duration.ofHours(1), 100);

        assertThat(history.windowPassed(SENT, SENT.plus(Duration.ofHours(1)))).isFalse();
        assertThat(history.windowPassed(SENT, SENT.plus(Duration.ofHours(1)).plusMillis(1))).isTrue();
    }
}
