package dev.chatsequencer.timeline;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long a post can be retried safely: {@code ttl} for the client's own clientMessageId, {@code serverTokenTtl}
 * for the token the server makes up when the client sent none (it only has to outlive a client reconnect).
 */
@Validated
@ConfigurationProperties("chat.idempotency")
public record IdempotencyProperties(@NotNull Duration ttl, @NotNull Duration serverTokenTtl) {
}
