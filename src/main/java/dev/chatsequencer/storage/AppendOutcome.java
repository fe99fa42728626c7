package dev.chatsequencer.storage;

/**
 * What a script that may append a timeline entry did, as far as the one write path needs to know (see
 * {@code TimelineWriter}): whether replicas must confirm before the answer, and which entry streams must hear of.
 */
public interface AppendOutcome {

    /** The member appended now at the next seq, which streams hear of; {@code null} when nothing was appended. */
    default String appended() {
        return null;
    }

    /**
     * True when the answer rests on timeline state (written now, or found from an earlier write, which may sit on a
     * master that a failover is about to discard); false for a refusal, which wrote and read nothing of the kind.
     */
    default boolean confirms() {
        return true;
    }
}
