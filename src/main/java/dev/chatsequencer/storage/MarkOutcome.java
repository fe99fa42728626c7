package dev.chatsequencer.storage;

/** What moving a read marker did. */
public sealed interface MarkOutcome {

    /** The marker after the update, the last seq it was capped at, and the messages after it (lib/timeline). */
    record Marked(long readSeq, long lastSeq, long unread) implements MarkOutcome {
    }

    /** The conversation has participants and the user is not one; nothing was written. */
    record NotAParticipant() implements MarkOutcome {
    }
}
