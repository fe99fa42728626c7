package dev.chatsequencer.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.chatsequencer.web.Identifier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * What a client posts. Anything else in the JSON (a {@code seq}, a {@code sentAt}) is ignored: the server alone
 * assigns those.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PostMessageRequest(@NotNull @Identifier String senderId, @NotBlank String body,
        @Identifier String clientMessageId) {
}
