package dev.chatsequencer.security;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Origins whose browser pages may call the API (CORS); none when empty. */
@Validated
@ConfigurationProperties("chat.cors")
public record CorsProperties(@NotNull List<String> allowedOrigins) {
}
