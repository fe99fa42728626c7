package dev.chatsequencer.redis;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When a write is acknowledged: after Redis {@code WAIT} confirms that {@code replicas} replicas hold it, within
 * {@code timeout} (0 replicas: as soon as the master ran it, today's behaviour on one Redis).
 */
@Validated
@ConfigurationProperties("chat.durability")
public record DurabilityProperties(@PositiveOrZero int replicas, @NotNull Duration timeout) {
}
