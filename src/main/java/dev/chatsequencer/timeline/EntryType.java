package dev.chatsequencer.timeline;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.chatsequencer.access.WireName;

/** What a timeline entry is; {@link #wire} is how the API and the stored member name it. */
public enum EntryType implements WireName {
    /** A message a user posted; stored without a type, as the common case costs no bytes in Redis. */
    MESSAGE(EntryType.MESSAGE_WIRE),
    /** A group's first entry, seq 1: who was in it and its title. */
    GROUP_CREATED(EntryType.GROUP_CREATED_WIRE),
    /** Adds {@code userId} to a group. */
    PARTICIPANT_ADDED(EntryType.PARTICIPANT_ADDED_WIRE),
    /** Removes {@code userId} from a group (they left, or the owner removed them). */
    PARTICIPANT_REMOVED(EntryType.PARTICIPANT_REMOVED_WIRE);

    /** The wire names as constants, for annotations. */
    public static final String MESSAGE_WIRE = "message";
    public static final String GROUP_CREATED_WIRE = "group-created";
    public static final String PARTICIPANT_ADDED_WIRE = "participant-added";
    public static final String PARTICIPANT_REMOVED_WIRE = "participant-removed";

    private final String wire;

    EntryType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The type a stored member names; {@code null} (no type stored) is a message. */
    public static EntryType ofStored(String wire) {
        return wire == null ? MESSAGE : WireName.named(EntryType.class, wire);
    }
}
