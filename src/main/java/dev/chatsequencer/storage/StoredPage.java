package dev.chatsequencer.storage;

import java.util.List;

/**
 * One page of stored members (UTF-8 JSON, as stored) in ascending seq, and the conversation's last seq at the
 * same moment.
 */
public record StoredPage(long lastSeq, boolean hasMore, List<byte[]> members) {
}
