package dev.chatsequencer.conversation;

import io.swagger.v3.oas.annotations.media.Schema;

/** How far one user has read a conversation, and how many messages are left for them. */
record ReadMarker(
        @Schema(example = "alice") String userId,
        @Schema(example = "40") long readSeq,
        @Schema(description = "lastSeq - readSeq", example = "2") long unreadCount) {

    static ReadMarker of(String userId, long readSeq, long lastSeq) {
        return new ReadMarker(userId, readSeq, Math.max(0, lastSeq - readSeq));
    }
}
