package dev.chatsequencer.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.web.input.DisplayText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/**
 * What a client posts. Anything else in the JSON (a {@code seq}, a {@code sentAt}) is ignored: the server alone
 * assigns those.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "A message to post")
record PostMessageRequest(
        @Schema(description = "The author's user id. With an authenticated caller it may be left out (the caller is "
                + "the author) and must otherwise be the caller; without authentication (mode none) it is required",
                example = "alice")
        @Identifier String senderId,
        @Schema(description = "The text, 1-4096 characters (chat.messages.max-body-length), with at least one "
                + "visible character; no control characters but line breaks and tabs, no bidi overrides",
                example = "Hi Bob!", minLength = 1, maxLength = 4096, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank @DisplayText(multiline = true) String body,
        @Schema(description = "The client's own id for this message; makes retries safe", example = "a1b2c3-0001")
        @Identifier String clientMessageId) {
}
