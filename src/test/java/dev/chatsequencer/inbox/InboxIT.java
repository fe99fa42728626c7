package dev.chatsequencer.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A user's inbox over real HTTP: ordered by last activity, with read state and the last entry, paged by cursor, and
 * built from an index that the conversations' participants correct on read. Mode none unless a test says otherwise.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxIT {

    @RegisterExtension
    final ExtraInstance gateway = new ExtraInstance("chat.security.mode=gateway");

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    JsonApi api() {
        return new JsonApi("http://localhost:" + port, null);
    }

    @Test
    void conversationsComeMostRecentActivityFirstWithReadStateAndTheLastEntry() {
        String alice = "alice-a-" + run;
        String bob = "bob-a-" + run;
        String climbing = group(alice, "Climbing", bob);
        String direct = direct(alice, bob);
        String chess = group(bob, null, alice);
        post(climbing, bob, "rope?");
        post(direct, bob, "hi");
        post(direct, alice, "hello");
        post(chess, bob, "e4");

        JsonNode conversations = inbox(alice, "").get("conversations");

        assertThat(ids(conversations)).containsExactly(chess, direct, climbing);
        JsonNode first = conversations.get(0);
        assertThat(first.get("type").asString()).isEqualTo("group");
        assertThat(first.has("title")).isFalse();
        assertThat(first.get("lastSeq").asLong()).isEqualTo(2);
        assertThat(first.get("readSeq").asLong()).isZero();
        // the group-created entry is not a message: only "e4" is unread
        assertThat(first.get("unreadCount").asLong()).isEqualTo(1);
        assertThat(first.get("lastEntry").get("body").asString()).isEqualTo("e4");
        assertThat(first.get("lastEntry").get("type").asString()).isEqualTo("message");
        JsonNode second = conversations.get(1);
        assertThat(second.get("type").asString()).isEqualTo("direct");
        assertThat(second.get("readSeq").asLong()).isEqualTo(2);
        assertThat(second.get("unreadCount").asLong()).isZero();
        assertThat(conversations.get(2).get("title").asString()).isEqualTo("Climbing");
        assertThat(conversations.get(2).get("unreadCount").asLong()).isEqualTo(1);
        assertThat(inbox(alice, "").get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aCursorPagesThroughEveryConversationOnce() {
        String alice = "alice-b-" + run;
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(group(alice, "g" + i, "bob-b-" + run));
        }

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = inbox(alice, "limit=2" + cursor);
            seen.addAll(ids(page.get("conversations")));
            cursor = page.get("nextCursor").isNull() ? null : "&cursor=" + page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        Collections.reverse(groups);
        assertThat(seen).containsExactlyElementsOf(groups);
        Response bad = api().send("GET", "/v1/users/" + alice + "/conversations?cursor=bm9wZQ", null, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(api().send("GET", "/v1/users/" + alice + "/conversations?limit=101", null, null).status())
                .isEqualTo(400);
    }

    @Test
    void aConversationTheUserLeftIsNotListed() {
        String alice = "alice-c-" + run;
        String bob = "bob-c-" + run;
        String stays = group(alice, null, bob);
        String left = group(alice, null, bob);

        api().send("DELETE", "/v1/conversations/" + left + "/participants/" + bob + "?senderId=" + bob, null, null);

        assertThat(ids(inbox(bob, "").get("conversations"))).containsExactly(stays);
        assertThat(ids(inbox(alice, "").get("conversations"))).containsExactlyInAnyOrder(stays, left);
        assertThat(redis.opsForZSet().score("chat:{u:" + bob + "}:conversations", left)).isNull();
    }

    @Test
    void aRedisThatLostItsScriptsStillAnswersInboxes() {
        String alice = "alice-f-" + run;
        String group = group(alice, "Kept", "bob-f-" + run);
        redis.execute((RedisCallback<Object>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });

        JsonNode listed = inbox(alice, "").get("conversations");

        assertThat(ids(listed)).containsExactly(group);
        assertThat(listed.get(0).get("lastSeq").asLong()).isEqualTo(1);
        assertThat(listed.get(0).get("title").asString()).isEqualTo("Kept");
    }

    @Test
    void anIndexEntryTheConversationDoesNotConfirmIsHiddenAndDroppedOnceOldEnough() {
        String alice = "alice-d-" + run;
        String real = group(alice, null, "bob-d-" + run);
        String index = "chat:{u:" + alice + "}:conversations";
        String strangers = group("carol-d-" + run, null, "dave-d-" + run);
        redis.opsForZSet().add(index, strangers, 1_000);
        redis.opsForZSet().add(index, "gr_in-progress-" + run, System.currentTimeMillis());

        JsonNode listed = inbox(alice, "").get("conversations");

        assertThat(ids(listed)).containsExactly(real);
        assertThat(redis.opsForZSet().score(index, strangers)).isNull();
        assertThat(redis.opsForZSet().score(index, "gr_in-progress-" + run)).isNotNull();
    }

    @Test
    void anAuthenticatedCallerReadsOnlyTheirOwnInboxAndMeStandsForThem() {
        String alice = "alice-e-" + run;
        JsonApi identified = new JsonApi(gateway.baseUrl(), "X-User-Id");
        String group = group(alice, null, "bob-e-" + run);

        Response mine = identified.send("GET", "/v1/users/me/conversations", null, alice);
        Response named = identified.send("GET", "/v1/users/" + alice + "/conversations", null, alice);
        Response other = identified.send("GET", "/v1/users/" + alice + "/conversations", null, "bob-e-" + run);
        Response meWithoutCaller = api().send("GET", "/v1/users/me/conversations", null, null);

        assertThat(ids(mine.json().get("conversations"))).containsExactly(group);
        assertThat(mine.json().get("userId").asString()).isEqualTo(alice);
        assertThat(ids(named.json().get("conversations"))).containsExactly(group);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.problem()).isEqualTo("not-the-caller");
        assertThat(meWithoutCaller.status()).isEqualTo(400);
    }

    private String group(String owner, String title, String... others) {
        String participants = String.join("\",\"", others);
        Response created = api().send("POST", "/v1/conversations", "{\"participants\":[\"" + participants + "\"],"
                + (title == null ? "" : "\"title\":\"" + title + "\",") + "\"senderId\":\"" + owner + "\"}", null);
        assertThat(created.status()).isEqualTo(201);
        tick();
        return created.json().get("conversationId").asString();
    }

    private String direct(String one, String other) {
        Response opened = api().send("POST", "/v1/conversations/direct", "{\"participants\":[\"" + one + "\",\""
                + other + "\"]}", null);
        return opened.json().get("conversationId").asString();
    }

    private void post(String conversation, String sender, String body) {
        api().posted(conversation, sender, body);
        tick();
    }

    /** Lets the clock pass the millisecond of the last write, so that activities in a test are distinct. */
    private static void tick() {
        long now = System.currentTimeMillis();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> System.currentTimeMillis() > now);
    }

    private JsonNode inbox(String user, String query) {
        Response inbox = api().send("GET", "/v1/users/" + user + "/conversations?" + query, null, null);
        assertThat(inbox.status()).isEqualTo(200);
        return inbox.json();
    }

    private static List<String> ids(JsonNode conversations) {
        List<String> ids = new ArrayList<>();
        conversations.forEach(conversation -> ids.add(conversation.get("conversationId").asString()));
        return ids;
    }
}
