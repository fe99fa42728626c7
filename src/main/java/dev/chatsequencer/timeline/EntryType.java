package dev.chatsequencer.timeline;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.chatsequencer.access.WireName;

/** What a timeline entry is; {@link #wire} is how the API and the stored member name it. */
public enum EntryType implements WireName {
    /** A message a user posted; stored without a type, as the common case costs no bytes in Redis. */
    MESSAGE,
    /** A group's first entry, seq 1: who was in it and its title. */
    GROUP_CREATED,
    /** Adds {@code userId} to a group. */
    PARTICIPANT_ADDED,
    /** Removes {@code userId} from a group (they left, or the owner removed them). */
    PARTICIPANT_REMOVED,
    /** Its sender edited the message at {@code targetSeq}; {@code body} is the new text. */
    MESSAGE_EDITED,
    /** The message at {@code targetSeq} was deleted for everyone, by its sender or a group's owner. */
    MESSAGE_DELETED;

    @JsonValue
    @Override
    public String wire() {
        return WireName.of(this);
    }

    /** The type a stored member names; {@code null} (no type stored) is a message. */
    public static EntryType ofStored(String wire) {
        return wire == null ? MESSAGE : WireName.named(EntryType.class, wire);
    }
}
