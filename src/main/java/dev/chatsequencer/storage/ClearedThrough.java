package dev.chatsequencer.storage;

/** How far a user's history of a conversation is cleared now, and the conversation's last seq. */
public record ClearedThrough(long throughSeq, long lastSeq) {
}
