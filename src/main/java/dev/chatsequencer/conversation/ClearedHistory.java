package dev.chatsequencer.conversation;

import io.swagger.v3.oas.annotations.media.Schema;

/** How far a user cleared a conversation's history for themself. */
record ClearedHistory(
        @Schema(example = "dm_95b6c4721fa54608b418c4b7cf86a32b") String conversationId,
        @Schema(example = "alice") String userId,
        @Schema(description = "Entries up to this seq are hidden from this user: pages name them missing (cleared), "
                + "a single read of one is a 404", example = "42") long clearedThroughSeq,
        @Schema(description = "The conversation's last seq; the counter goes on", example = "42") long lastSeq) {
}
