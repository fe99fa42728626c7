package dev.chatsequencer.inbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * A user's inbox holds at most {@code maxConversations} conversations; past that, the one with the oldest activity
 * goes, so a flood of new conversations never pushes out one with newer activity. An index entry the conversation
 * does not confirm is hidden at once and dropped once older than {@code repairAfter} (a join is indexed just after
 * its script, and a reader that looked in between must not drop it).
 */
@Validated
@ConfigurationProperties("chat.inbox")
public record InboxProperties(@Positive @Max(10_000) int maxConversations, @NotNull Duration repairAfter) {
}
