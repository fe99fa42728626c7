package dev.chatsequencer.stream;

import java.util.Locale;

/** Why a live stream ended, as the {@code reason} tag of {@code chat_streams_ended_total}. */
enum StreamEnd {

    /** The client hung up, or a write to it failed. */
    CLIENT_GONE,
    /** The client took nothing for a whole heartbeat interval while events waited for it. */
    STALLED,
    /** The stream reached {@code chat.stream.timeout}; the client resumes with Last-Event-ID. */
    TIMEOUT,
    /** The server ended it, e.g. at shutdown. */
    SERVER,
    /** The reader was removed from the group: the entry that removed them was the last one sent. */
    REMOVED;

    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
