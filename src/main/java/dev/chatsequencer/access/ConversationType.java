package dev.chatsequencer.access;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a conversation is, which decides who may act in it; {@link #wire} is how the API and Redis name it. */
public enum ConversationType implements WireName {
    /** Two fixed participants, its id derived from the pair. */
    DIRECT,
    /** Participants that change in the timeline, an owner who may remove others. */
    GROUP,
    /** No participants: anyone may post, in mode none only. */
    OPEN;

    @JsonValue
    @Override
    public String wire() {
        return WireName.of(this);
    }

    /** The type Redis names. */
    public static ConversationType ofWire(String wire) {
        return WireName.named(ConversationType.class, wire);
    }
}
