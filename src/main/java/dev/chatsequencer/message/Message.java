package dev.chatsequencer.message;

import java.time.Instant;

/** One message of a conversation's timeline; {@code seq} orders it, {@code sentAt} is informational server time. */
public record Message(String conversationId, long seq, String senderId, String body, String clientMessageId,
        Instant sentAt) {
}
