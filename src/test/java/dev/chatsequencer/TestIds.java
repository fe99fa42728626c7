package dev.chatsequencer;

import java.util.UUID;

/** Unique ids per test, so no test sees another's data in the shared Redis. */
public final class TestIds {

    private TestIds() {
    }

    public static String conversation() {
        return "conv-" + UUID.randomUUID();
    }
}
