package dev.chatsequencer.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.access.Identifier;
import org.junit.jupiter.api.Test;

class DirectConversationIdsTests {

    final DirectConversationIds ids = new DirectConversationIds();

    @Test
    void idIsTheSameWhicheverUserAsks() {
        assertThat(ids.idOf("alice", "bob")).isEqualTo(ids.idOf("bob", "alice"));
    }

    @Test
    void idIsPermanentAcrossReleases() {
        // Pinned: changing the derivation would split every existing pair's history in two.
        assertThat(ids.idOf("alice", "bob")).isEqualTo("dm_95b6c4721fa54608b418c4b7cf86a32b");
    }

    @Test
    void idEncodingIsUnambiguous() {
        assertThat(ids.idOf("a", "bc")).isNotEqualTo(ids.idOf("ab", "c"));
        assertThat(ids.idOf("a:1", "b")).isNotEqualTo(ids.idOf("a", "1:b"));
    }

    @Test
    void idCarries128BitsAndIsAValidIdentifier() {
        assertThat(ids.idOf("alice", "bob")).matches("dm_[0-9a-f]{32}").matches(Identifier.PATTERN);
        assertThat(ids.idOf("x".repeat(128), "y".repeat(128))).matches(Identifier.PATTERN);
    }

    @Test
    void differentPairsGetDifferentIds() {
        assertThat(ids.idOf("alice", "bob")).isNotEqualTo(ids.idOf("alice", "carol"));
    }
}
