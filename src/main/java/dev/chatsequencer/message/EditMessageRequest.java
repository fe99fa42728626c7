package dev.chatsequencer.message;

import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.web.input.DisplayText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** The new text of a message, from its sender. */
record EditMessageRequest(
        @Schema(description = "The new text, under the same rules as a post's body", example = "Hi Bob, sorry!",
                minLength = 1, maxLength = 4096, requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank @DisplayText(multiline = true) String body,
        @Schema(description = "Who edits: the message's sender. With an authenticated caller it may be left out and "
                + "must otherwise be the caller; without authentication (mode none) it is required", example = "alice")
        @Identifier String senderId) {
}
