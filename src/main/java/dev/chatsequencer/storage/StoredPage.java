package dev.chatsequencer.storage;

import java.util.List;

/**
 * One page of stored members (UTF-8 JSON, as stored) in ascending seq, the conversation's last seq at the same
 * moment, the highest seq retention took from every reader, the highest the reader may not see because it came
 * before they joined, and the highest they cleared for themself (0: none).
 */
public record StoredPage(long lastSeq, boolean hasMore, long retained, long hiddenBeforeJoined, long cleared,
        List<byte[]> members) {
}
