package dev.chatsequencer.storage;

import java.util.List;

/**
 * A conversation's last seq, a group's settings ({@code null} when not a group) and read markers, read in one
 * consistent step.
 */
public record StoredState(long lastSeq, String type, String title, String owner, String history,
        List<Marker> markers) {

    /** How far one user has read (0 when never), and how many messages after that they have not read. */
    public record Marker(String userId, long readSeq, long unread) {
    }
}
