package dev.chatsequencer.storage;

/** What creating a group did. */
public sealed interface GroupOutcome extends AppendOutcome {

    /**
     * The group exists: created now, or by an earlier call; {@code member} is its group-created entry,
     * {@code history} its history visibility.
     */
    record Created(boolean now, String member, String history) implements GroupOutcome {

        @Override
        public String appended() {
            return now ? member : null;
        }
    }

    /** The id belongs to a conversation that is not this group; nothing was written. */
    record IdTaken() implements GroupOutcome {

        @Override
        public boolean confirms() {
            return false;
        }
    }

    /** This group was created and deleted since (its last participant left); nothing was written. */
    record Deleted() implements GroupOutcome {

        @Override
        public boolean confirms() {
            return false;
        }
    }

    /** The group exists, and retention has taken its group-created entry, which a retry is checked against. */
    record CreationExpired() implements GroupOutcome {

        @Override
        public boolean confirms() {
            return false;
        }
    }
}
