package dev.chatsequencer.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatsequencer.timeline.EntryType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Enum constants keep the names the API and the stored data have always used, in JSON too. */
class WireNameTests {

    @Test
    void theWireNamesAreTheOnesTheApiAndRedisUse() {
        assertThat(Arrays.stream(EntryType.values()).map(EntryType::wire))
                .containsExactly("message", "group-created", "participant-added", "participant-removed",
                        "message-edited", "message-deleted");
        assertThat(Arrays.stream(ConversationType.values()).map(ConversationType::wire))
                .containsExactly("direct", "group", "open");
        assertThat(Arrays.stream(HistoryVisibility.values()).map(HistoryVisibility::wire))
                .containsExactly("shared", "joined");
    }

    @Test
    void everyWireNameReadsBackAsItsConstantAndIsWhatJsonCarries() {
        JsonMapper json = JsonMapper.builder().build();
        for (EntryType type : EntryType.values()) {
            assertThat(EntryType.ofStored(type.wire())).isEqualTo(type);
            assertThat(json.writeValueAsString(type)).isEqualTo("\"" + type.wire() + "\"");
        }
        for (ConversationType type : ConversationType.values()) {
            assertThat(ConversationType.ofWire(type.wire())).isEqualTo(type);
        }
        for (HistoryVisibility visibility : HistoryVisibility.values()) {
            assertThat(HistoryVisibility.ofWire(visibility.wire())).isEqualTo(visibility);
        }
        assertThat(EntryType.ofStored(null)).isEqualTo(EntryType.MESSAGE);
        assertThat(HistoryVisibility.ofWire(null)).isNull();
    }

    @Test
    void aNameThisVersionDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> ConversationType.ofWire("channel")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel");
    }
}
