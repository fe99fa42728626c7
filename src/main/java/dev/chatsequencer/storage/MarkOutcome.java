package dev.chatsequencer.storage;

/** What moving a read marker did. */
public sealed interface MarkOutcome {

    /** The marker after the update, and the last seq it was capped at. */
    record Marked(long readSeq, long lastSeq) implements MarkOutcome {
    }

    /** The conversation has participants and the user is not one; nothing was written. */
    record NotAParticipant() implements MarkOutcome {
    }
}
