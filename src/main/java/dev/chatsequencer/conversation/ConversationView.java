package dev.chatsequencer.conversation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a client learns about a conversation: its kind, the last seq assigned in it, and for a direct conversation
 * each participant's read marker.
 */
record ConversationView(
        @Schema(example = "dm_5d41402abc4b2a76b9719d911017c592") String conversationId,
        @Schema(description = "direct (two participants, others may not post) or open (anyone may post)",
                allowableValues = {"direct", "open"}) String type,
        @Schema(description = "The last seq assigned, 0 if none", example = "42") long lastSeq,
        List<ReadMarker> participants) {
}
