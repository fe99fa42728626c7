package dev.chatsequencer.conversation;

/** What a client learns about a conversation: its id and the last seq assigned in it. */
record ConversationView(String conversationId, long lastSeq) {
}
