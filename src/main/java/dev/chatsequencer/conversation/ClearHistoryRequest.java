package dev.chatsequencer.conversation;

import dev.chatsequencer.access.Identifier;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.PositiveOrZero;

/** How far to clear the conversation's history for the caller. */
record ClearHistoryRequest(
        @Schema(description = "The seq to clear through; leave it out to clear everything there is now (lastSeq)",
                example = "42") @PositiveOrZero Long throughSeq,
        @Schema(description = "Who clears. With an authenticated caller it may be left out and must otherwise be the "
                + "caller; without authentication (mode none) it is required", example = "alice")
        @Identifier String senderId) {
}
