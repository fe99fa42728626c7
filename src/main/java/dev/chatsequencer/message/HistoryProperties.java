package dev.chatsequencer.message;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How history changes: a sender deletes their message for everyone within {@code deleteWindow} of posting it
 * ({@code null} or zero: any time); a group's owner deletes any message at any time. A message takes at most
 * {@code maxEdits} edits, which bounds what its change record, and each later change of it, costs.
 */
@Validated
@ConfigurationProperties("chat.history")
public record HistoryProperties(Duration deleteWindow, @Positive @Max(1000) int maxEdits) {

    /** True when a message sent at {@code sentAt} is past its sender's window at {@code now}. */
    boolean windowPassed(Instant sentAt, Instant now) {
        return limitsDeletion() && sentAt.plus(deleteWindow).isBefore(now);
    }

    /** True when a sender's deletion has a window at all (else no message needs reading to check it). */
    boolean limitsDeletion() {
        return deleteWindow != null && !deleteWindow.isZero();
    }
}
