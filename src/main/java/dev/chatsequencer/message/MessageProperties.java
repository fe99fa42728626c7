package dev.chatsequencer.message;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Limits on messages: {@code maxBodyLength} counts Unicode code points. */
@Validated
@ConfigurationProperties("chat.messages")
public record MessageProperties(@Positive int maxBodyLength) {
}
