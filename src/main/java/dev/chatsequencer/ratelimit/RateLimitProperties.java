package dev.chatsequencer.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Token buckets per user, shared by all instances through Redis: posting (and changing a group's membership),
 * opening direct conversations, creating groups, and reading (pages, single entries, conversation state and read
 * markers, inboxes, stream opens).
 */
@Validated
@ConfigurationProperties("chat.rate-limit")
public record RateLimitProperties(@Valid @NotNull Bucket posts, @Valid @NotNull Bucket conversations,
        @Valid @NotNull Bucket groups, @Valid @NotNull Bucket reads) {

    /** Up to {@code capacity} at once, then {@code refillPerSecond}; a refill of 0 turns the limit off. */
    public record Bucket(@Positive int capacity, @PositiveOrZero double refillPerSecond) {
    }
}
