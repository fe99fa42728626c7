package dev.chatsequencer.message;

import java.util.List;

/**
 * One page of a timeline, always in ascending seq; {@code hasMore} says the requested range holds more messages
 * beyond this page, {@code lastSeq} is the conversation's counter at the time of the read.
 */
record TimelinePage(String conversationId, long lastSeq, List<Message> messages, boolean hasMore) {
}
