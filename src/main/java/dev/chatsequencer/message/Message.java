package dev.chatsequencer.message;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One message of a conversation's timeline; {@code seq} orders it, {@code sentAt} is informational server time. */
@Schema(description = "A stored message")
public record Message(
        @Schema(example = "dm_3f2a9c") String conversationId,
        @Schema(description = "Position in the conversation: 1, 2, 3, ... with no gaps", example = "42") long seq,
        @Schema(description = "What the timeline entry is", allowableValues = MESSAGE, example = MESSAGE) String type,
        @Schema(example = "alice") String senderId,
        @Schema(example = "Hi Bob!") String body,
        @Schema(description = "The client's id, or null when the post had none", example = "a1b2c3-0001",
                nullable = true) String clientMessageId,
        @Schema(description = "Server time of the post, ISO-8601 UTC; for display only, never for ordering",
                example = "2026-11-28T13:23:09.176Z") Instant sentAt) {

    /** The type of an entry a user posted. */
    public static final String MESSAGE = "message";

}
