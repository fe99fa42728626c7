package dev.chatsequencer.access;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who reads what a group said before they joined; {@link #wire} is how the API and Redis name it. */
public enum HistoryVisibility implements WireName {
    /** Every participant reads the whole timeline. */
    SHARED,
    /** A participant reads from the entry that added them. */
    JOINED;

    @JsonValue
    @Override
    public String wire() {
        return WireName.of(this);
    }

    /** The visibility a request or Redis names; {@code null} for none. */
    public static HistoryVisibility ofWire(String wire) {
        return wire == null ? null : WireName.named(HistoryVisibility.class, wire);
    }
}
