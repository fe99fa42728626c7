package dev.chatsequencer.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

class ConversationKeysTests {

    final ConversationKeys keys = new ConversationKeys(new RedisKeyProperties("chat"));

    @Test
    void keysOfOneConversationShareItsHashTagAndClusterSlot() {
        String id = "dm_a1b2";

        assertThat(keys.sequence(id)).isEqualTo("chat:{dm_a1b2}:seq");
        assertThat(keys.messages(id)).isEqualTo("chat:{dm_a1b2}:messages");
        assertThat(keys.clientIdempotency(id, "alice", "m-1")).isEqualTo("chat:{dm_a1b2}:idem:c:5:alice:m-1");
        assertThat(keys.serverIdempotency(id, "t")).isEqualTo("chat:{dm_a1b2}:idem:s:t");
        assertThat(keys.participants(id)).isEqualTo("chat:{dm_a1b2}:participants");
        assertThat(keys.readMarkers(id)).isEqualTo("chat:{dm_a1b2}:read");
        assertThat(keys.events(id)).isEqualTo("chat:{dm_a1b2}:events");
        int slot = SlotHash.getSlot(keys.sequence(id));
        assertThat(keys.postKeys(id, keys.clientIdempotency(id, "alice", "m-1")))
                .allSatisfy(key -> assertThat(SlotHash.getSlot(key)).isEqualTo(slot));
        assertThat(keys.stateKeys(id)).allSatisfy(key -> assertThat(SlotHash.getSlot(key)).isEqualTo(slot));
        assertThat(keys.membershipKeys(id)).allSatisfy(key -> assertThat(SlotHash.getSlot(key)).isEqualTo(slot));
    }

    @Test
    void perUserKeysLiveInTheUsersSlot() {
        assertThat(keys.inbox("alice")).isEqualTo("chat:{u:alice}:conversations");
        assertThat(keys.groupRequest("alice", "r-1")).isEqualTo("chat:{u:alice}:group-request:r-1");
        assertThat(SlotHash.getSlot(keys.inbox("alice"))).isEqualTo(SlotHash.getSlot(keys.rateLimit("posts",
                "alice")));
    }

    @Test
    void eventsChannelMapsBackToItsConversation() {
        assertThat(keys.conversationOfEvents(keys.events("dm_a1b2"))).isEqualTo("dm_a1b2");
        assertThat(keys.conversationOfEvents("chat:{}:events")).isNull();
        assertThat(keys.conversationOfEvents("other:{x}:events")).isNull();
        assertThat(keys.conversationOfEvents("chat:{x}:seq")).isNull();
    }

    @Test
    void idempotencyKeysOfIdsWithColonsNeverCollide() {
        assertThat(keys.clientIdempotency("c", "a:b", "c")).isNotEqualTo(keys.clientIdempotency("c", "a", "b:c"));
    }
}
