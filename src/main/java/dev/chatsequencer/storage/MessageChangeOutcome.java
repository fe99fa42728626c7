package dev.chatsequencer.storage;

/** What an edit or a deletion of a message did. */
public sealed interface MessageChangeOutcome extends AppendOutcome {

    /** The change entry at {@code seq}: made now, or ({@code now} false) by an earlier try of the same request. */
    record Changed(boolean now, long seq, String member) implements MessageChangeOutcome {

        @Override
        public String appended() {
            return now ? member : null;
        }
    }

    /** Refused; nothing was written. */
    record Refused(Refusal refusal) implements MessageChangeOutcome {

        @Override
        public boolean confirms() {
            return false;
        }
    }

    /** Why a change was refused. */
    enum Refusal {
        /** The actor may not act in the conversation. */
        NOT_A_PARTICIPANT,
        /** No entry has that seq. */
        NO_SUCH_ENTRY,
        /** The entry is not a message (a membership change, or a change of a message). */
        NOT_A_MESSAGE,
        /** The message was deleted: there is nothing to edit. */
        DELETED,
        /** Only the sender edits; only the sender or a group's owner deletes. */
        NOT_ALLOWED,
        /** The sender's delete window has passed; only a group's owner may still delete. */
        WINDOW_PASSED,
        /** The message has taken the most edits it may. */
        EDIT_LIMIT
    }
}
