package dev.chatsequencer.group;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Groups have 1 to {@code maxParticipants} participants, the owner included. */
@Validated
@ConfigurationProperties("chat.groups")
public record GroupProperties(@Positive @Max(10_000) int maxParticipants) {
}
