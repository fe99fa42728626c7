package dev.chatsequencer.access;

import java.util.Arrays;
import java.util.Locale;

/** An enum constant as the API and Redis name it: its name in lower case, words joined by hyphens. */
public interface WireName {

    String wire();

    /** {@code GROUP_CREATED} is {@code group-created}. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

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
