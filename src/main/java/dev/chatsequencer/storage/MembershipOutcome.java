package dev.chatsequencer.storage;

/** What adding or removing a participant did. */
public sealed interface MembershipOutcome extends AppendOutcome {

    /**
     * Changed now with {@code member} at {@code seq}, or ({@code now} false) nothing to change at {@code seq} (the
     * member is then {@code null}).
     */
    record Changed(boolean now, long seq, String member) implements MembershipOutcome {

        @Override
        public String appended() {
            return member;
        }
    }

    /** Refused; nothing was written. */
    record Refused(Refusal refusal) implements MembershipOutcome {

        @Override
        public boolean confirms() {
            return false;
        }
    }

    /** Why a change was refused. */
    enum Refusal {
        /** The actor is not a participant, or there is no such conversation. */
        NOT_A_PARTICIPANT,
        /** A direct or open conversation: its participants are fixed. */
        NOT_A_GROUP,
        /** The group has as many participants as it may. */
        FULL,
        /** The user to remove is not a participant. */
        USER_NOT_IN,
        /** Only the owner removes others. */
        NOT_ALLOWED,
        /** The user to add left by themself: only they may come back. */
        LEFT_BY_CHOICE
    }
}
