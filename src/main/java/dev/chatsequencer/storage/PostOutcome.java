package dev.chatsequencer.storage;

/** What a post did. */
public sealed interface PostOutcome extends AppendOutcome {

    /** Stored now under {@code seq} as {@code member}. */
    record Stored(long seq, String member) implements PostOutcome {

        @Override
        public String appended() {
            return member;
        }
    }

    /** Stored before by a post with the same idempotency key as {@code member}; nothing was written. */
    record Replayed(long seq, String member) implements PostOutcome {
    }

    /** Stored before at {@code seq} by a post with the same idempotency key, and taken by retention since. */
    record Expired(long seq) implements PostOutcome {

        @Override
        public boolean confirms() {
            return false;
        }
    }

    /** The conversation has participants and the sender is not one; nothing was written. */
    record NotAParticipant() implements PostOutcome {

        @Override
        public boolean confirms() {
            return false;
        }
    }
}
