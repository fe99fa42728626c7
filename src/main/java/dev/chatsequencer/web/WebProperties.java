package dev.chatsequencer.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied to HTTP requests before they reach a controller: a body must arrive in full, at most
 * {@code maxRequestSize}, within {@code bodyTimeout} of the request's headers; one client address may hold at
 * most {@code maxConnectionsPerClient} connections (0: no cap).
 */
@Validated
@ConfigurationProperties("chat.web")
public record WebProperties(@NotNull DataSize maxRequestSize, @NotNull Duration bodyTimeout,
        @PositiveOrZero int maxConnectionsPerClient, @Positive int retryAfterSeconds) {
}
