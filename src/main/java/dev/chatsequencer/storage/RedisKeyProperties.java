package dev.chatsequencer.storage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Prefix of every Redis key the service writes. */
@Validated
@ConfigurationProperties("chat.redis")
public record RedisKeyProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]+") String namespace) {
}
