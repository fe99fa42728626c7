package dev.chatsequencer.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Signed-in users (gateway mode) who try to fill someone else's inbox: a refused request leaves nothing in the
 * target's slot, and a flood of groups the target never took part in cannot push out their conversations. The inbox
 * cap is 4 here, so a handful of requests shows what thousands would.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxAbuseIT {

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.security.mode=gateway", "chat.inbox.max-conversations=4",
            "chat.groups.max-participants=3", "chat.rate-limit.groups.capacity=2",
            "chat.rate-limit.groups.refill-per-second=0.001");

    @Autowired
    StringRedisTemplate redis;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    JsonApi api() {
        return new JsonApi(service.baseUrl(), "X-User-Id");
    }

    @Test
    void refusedRequestsToAddSomeoneWriteNothingInTheirSlot() {
        String alice = "alice-a-" + run;
        String mallory = "mallory-a-" + run;
        String full = group(mallory, "bob-a-" + run, "carol-a-" + run);
        String groupOfOthers = group("dave-a-" + run, "erin-a-" + run);

        List<Integer> statuses = new ArrayList<>();
        // mallory is in no conversation with alice: the group of others does not know her
        statuses.add(add(groupOfOthers, alice, mallory).status());
        // a full group
        statuses.add(add(full, alice, mallory).status());
        // a group id that does not exist
        statuses.add(add("gr_" + run + "nothing", alice, mallory).status());
        // a creation retried with other participants: 422
        String request = "{\"participants\":[\"bob-a-" + run + "\"],\"clientRequestId\":\"c-" + run + "\"}";
        String retried = "{\"participants\":[\"" + alice + "\"],\"clientRequestId\":\"c-" + run + "\"}";
        JsonApi mallorys = api();
        mallorys.send("POST", "/v1/conversations", request, "zoe-a-" + run);
        statuses.add(mallorys.send("POST", "/v1/conversations", retried, "zoe-a-" + run).status());
        // over the group creation budget: 429
        group(mallory + "-2", "bob-a-" + run);
        group(mallory + "-2", "bob-a-" + run);
        statuses.add(api().send("POST", "/v1/conversations", "{\"participants\":[\"" + alice + "\"]}",
                mallory + "-2").status());

        assertThat(statuses).containsExactly(404, 409, 404, 422, 429);
        assertThat(redis.keys("chat:{u:" + alice + "}:*")).isEmpty();
        assertThat(inbox(alice).get("conversations")).isEmpty();
    }

    @Test
    void aFloodOfGroupsPushesOutOnlyOlderGroupsTheUserNeverTookPartIn() {
        String alice = "alice-b-" + run;
        String bob = "bob-b-" + run;
        String carol = "carol-b-" + run;
        String talked = direct(alice, bob);
        api().posted(talked, alice, "hi bob");
        List<String> spam = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            spam.add(group("spammer-b" + i + "-" + run, alice));
        }
        String newer = direct(carol, alice);
        api().posted(newer, carol, "hi alice, it is carol");
        for (int i = 3; i < 9; i++) {
            spam.add(group("spammer-b" + i + "-" + run, alice));
        }

        List<String> listed = ids(inbox(alice).get("conversations"));

        assertThat(listed).hasSize(4).contains(talked).doesNotContainAnyElementsOf(spam.subList(0, 6));
        assertThat(listed).containsAll(spam.subList(6, 9)).doesNotContain(newer);
        assertThat(redis.opsForZSet().size("chat:{u:" + alice + "}:conversations")).isEqualTo(4);
    }

    @Test
    void aConversationWithNewerActivityThanTheSpamOutlivesItAndTheIndexStaysAtItsCap() {
        String alice = "alice-c-" + run;
        List<String> spam = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            spam.add(group("spammer-c" + i + "-" + run, alice));
        }
        String newer = direct("carol-c-" + run, alice);
        api().posted(newer, "carol-c-" + run, "still here?");
        spam.add(group("spammer-c3-" + run, alice));
        spam.add(group("spammer-c4-" + run, alice));

        Set<String> indexed = redis.opsForZSet().range("chat:{u:" + alice + "}:conversations", 0, -1);

        assertThat(indexed).hasSize(4).contains(newer).doesNotContain(spam.get(0));
        assertThat(ids(inbox(alice).get("conversations"))).contains(newer);
    }

    private String group(String owner, String... others) {
        return api().createGroup(owner, others);
    }

    private String direct(String opener, String other) {
        Response opened = api().send("POST", "/v1/conversations/direct", "{\"participants\":[\"" + opener + "\",\""
                + other + "\"]}", opener);
        assertThat(opened.status()).isEqualTo(201);
        return opened.json().get("conversationId").asString();
    }

    private Response add(String group, String userId, String actor) {
        return api().addParticipant(group, userId, actor);
    }

    private JsonNode inbox(String user) {
        Response inbox = api().send("GET", "/v1/users/me/conversations?limit=100", null, user);
        assertThat(inbox.status()).isEqualTo(200);
        return inbox.json();
    }

    private static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("conversationId").asString()));
        return ids;
    }
}
