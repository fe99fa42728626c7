package dev.chatsequencer.access;

import java.util.Arrays;

/** An enum constant as the API and Redis name it. */
public interface WireName {

    String wire();

    /**
     * The constant of {@code type} named {@code wire}.
     *
     * @throws IllegalArgumentException when none is: stored data this version does not know
     */
    static <E extends Enum<E> & WireName> E named(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown " + type.getSimpleName() + " " + wire));
    }
}
