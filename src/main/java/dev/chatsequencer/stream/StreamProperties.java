package dev.chatsequencer.stream;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Live streams: a comment every {@code heartbeatInterval} keeps idle connections open through proxies and finds
 * gone or stalled clients; after {@code timeout} the server ends a stream and the client resumes with
 * Last-Event-ID. At most {@code maxPendingBytes} of events wait for a slow client (the rest is read from the
 * timeline once it catches up); {@code maxPerClient} streams per client address, {@code maxPerUser} per signed-in
 * user (whatever address they come from) and {@code maxPerInstance} in all.
 */
@Validated
@ConfigurationProperties("chat.stream")
public record StreamProperties(@NotNull Duration heartbeatInterval, @NotNull Duration timeout,
        @NotNull DataSize maxPendingBytes, @Positive int maxPerClient, @Positive int maxPerUser,
        @Positive int maxPerInstance) {
}
