package dev.chatsequencer.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatsequencer.web.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inbox cursor: what it encodes comes back, it orders by activity then id, and a forged one is a 400. */
class InboxCursorTests {

    @Test
    void aCursorDecodesToWhatItEncoded() {
        InboxCursor cursor = new InboxCursor(1_764_336_189_176L, "gr_9f86:d0");

        assertThat(InboxCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theNextPageHoldsOlderActivityThenLaterIdsOfTheSameMoment() {
        InboxCursor cursor = new InboxCursor(1_000, "dm_m");

        assertThat(cursor.precedes(999, "dm_a")).isTrue();
        assertThat(cursor.precedes(1_000, "dm_n")).isTrue();
        assertThat(cursor.precedes(1_000, "dm_m")).isFalse();
        assertThat(cursor.precedes(1_000, "dm_a")).isFalse();
        assertThat(cursor.precedes(1_001, "dm_z")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "bm8gY29sb24", "eDpncl8x", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmdyXzE"})
    void aCursorThisServiceDidNotWriteIsAnInvalidRequest(String forged) {
        assertThatThrownBy(() -> InboxCursor.decode(forged)).isInstanceOf(InvalidRequestException.class);
    }
}
