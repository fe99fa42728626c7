package dev.chatsequencer.timeline;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.chatsequencer.access.WireName;

/** Why a reader cannot see a range of seqs. */
public enum GapReason implements WireName {
    /** Retention removed the range for everyone (chat.history.retention). */
    RETENTION,
    /** The range came before the reader joined a group whose history is visible from joining. */
    BEFORE_JOINED,
    /** The reader cleared the range for themself. */
    CLEARED;

    @JsonValue
    @Override
    public String wire() {
        return WireName.of(this);
    }
}
