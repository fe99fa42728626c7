package dev.chatsequencer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ChatProperties;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ConversationKeysTests {

    final ConversationKeys keys = new ConversationKeys(new ChatProperties(
            new ChatProperties.Messages(4096),
            new ChatProperties.Idempotency(Duration.ofHours(24), Duration.ofMinutes(10)),
            new ChatProperties.Web(DataSize.ofKilobytes(64), Duration.ofSeconds(10), 4096, 1),
            new ChatProperties.Redis("chat"),
            new ChatProperties.Stream(Duration.ofSeconds(15), Duration.ofMinutes(30), DataSize.ofKilobytes(64), 32,
                    64, 2000),
            new ChatProperties.Security(ChatProperties.Security.Mode.NONE, "X-User-Id", null, null),
            new ChatProperties.RateLimit(new ChatProperties.RateLimit.Bucket(30, 10),
                    new ChatProperties.RateLimit.Bucket(10, 0.2), new ChatProperties.RateLimit.Bucket(10, 0.003),
                    new ChatProperties.RateLimit.Bucket(100, 20)),
            new ChatProperties.Cors(List.of()),
            new ChatProperties.Durability(0, Duration.ofSeconds(1)), new ChatProperties.Groups(1000),
            new ChatProperties.Inbox(2000, Duration.ofMinutes(1)),
            new ChatProperties.Timeline(DataSize.ofKilobytes(256))));

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
        assertThat(keys.allEvents()).isEqualTo("chat:{*}:events");
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
