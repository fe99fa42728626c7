package dev.chatsequencer.message;

/** The message a post resolved to, and whether this post stored it or replayed an earlier identical post. */
record PostResult(Message message, boolean created) {
}
