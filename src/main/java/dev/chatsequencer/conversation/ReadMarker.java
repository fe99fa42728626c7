package dev.chatsequencer.conversation;

import io.swagger.v3.oas.annotations.media.Schema;

/** How far one user has read a conversation, and how many messages are left for them. */
record ReadMarker(
        @Schema(example = "alice") String userId,
        @Schema(example = "40") long readSeq,
        @Schema(description = "Messages after readSeq that the user has not read: the messages others sent that "
                + "are still there, not membership changes, edits, deletions, deleted messages or what retention "
                + "removed (a user's own messages are always read)", example = "2") long unreadCount) {
}
