package dev.chatsequencer.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisContents;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.ValidatingProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Retention over real HTTP with identified callers: what it takes is named missing (reason retention) for every
 * reader, read nowhere, counted unread by nobody and cleaned from Redis with what only it needed; the counter goes
 * on, and a retry of a write whose entry it took is refused without writing anything.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT {

    static final String USER_HEADER = "X-User-Id";

    @RegisterExtension
    final ExtraInstance fiveEntries = new ExtraInstance("chat.security.mode=gateway",
            "chat.history.retention.max-entries=5");

    @RegisterExtension
    final ExtraInstance twoSeconds = new ExtraInstance("chat.security.mode=gateway",
            "chat.history.retention.max-age=2s");

    @RegisterExtension
    final ExtraInstance twentyEntries = new ExtraInstance("chat.security.mode=gateway",
            "chat.history.retention.max-entries=20");

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String alice = "alice-" + run;
    final String bob = "bob-" + run;
    final String carol = "carol-" + run;

    @Test
    void theEntriesBeyondMaxEntriesAreGoneForEveryReaderAndNamedMissing() {
        maxEntriesScenario(fiveEntries.baseUrl(), "direct");
    }

    /** The same through a validating proxy: every answer, the 410 and the pages naming retention included. */
    @Test
    void everyAnswerAboutRetentionMatchesTheApiDescription() throws Exception {
        assumeTrue(ValidatingProxy.available(), "Prism is not installed under .ci/tools (bash .ci/run installs it): "
                + "the validating proxy run is skipped");
        try (ValidatingProxy proxy = ValidatingProxy.start(fiveEntries.baseUrl())) {
            maxEntriesScenario(proxy.baseUrl(), "proxied");
            assertThat(proxy.responseViolations()).as(String.join("\n", proxy.log())).isEmpty();
        }
    }

    /** {@code scenario} tells this run's retry ids from another run's against the same instance. */
    private void maxEntriesScenario(String baseUrl, String scenario) {
        JsonApi api = new JsonApi(baseUrl, USER_HEADER);
        Response created = api.send("POST", "/v1/conversations", "{\"participants\":[\"" + bob + "\",\"" + carol
                + "\"],\"clientRequestId\":\"group-" + scenario + "\"}", alice);
        String group = created.json().get("conversationId").asString();
        assertThat(api.post(group, alice, "two", "first-" + scenario).status()).isEqualTo(201);
        for (int seq = 3; seq <= 8; seq++) {
            api.posted(group, seq % 2 == 0 ? alice : bob, "message " + seq);
        }
        assertThat(api.edit(group, bob, 7, "message 7, edited").status()).isEqualTo(201);
        for (int seq = 10; seq <= 12; seq++) {
            api.posted(group, alice, "message " + seq);
        }

        for (String reader : List.of(alice, bob, carol)) {
            JsonNode page = api.page(group, "after=0", reader).json();
            assertThat(page.get("lastSeq").asLong()).isEqualTo(12);
            assertThat(seqs(page)).containsExactly(8L, 9L, 10L, 11L, 12L);
            assertThat(page.get("missing")).hasToString("[{\"fromSeq\":1,\"toSeq\":7,\"reason\":\"retention\"}]");
            assertThat(api.page(group, "limit=50", reader).json().get("missing")).isEqualTo(page.get("missing"));
        }
        String changes = "chat:{" + group + "}:changes";
        assertThat(redis.opsForZSet().zCard("chat:{" + group + "}:messages")).isEqualTo(5);
        assertThat(redis.opsForZSet().rangeByScore("chat:{" + group + "}:uncounted", 0, 7)).isEmpty();
        assertThat(redis.opsForHash().keys(changes)).isEmpty();

        // carol has no marker: she has not read what is visible (alice's 8, 10, 11, 12; seq 9 is an edit)
        long visibleUnread = bruteForceUnread(api, group, carol, 0);
        assertThat(visibleUnread).isEqualTo(4);
        assertThat(inboxRow(api, carol, group).get("unreadCount").asLong()).isEqualTo(visibleUnread);
        assertThat(api.send("GET", "/v1/conversations/" + group, null, carol).json().toString())
                .contains("\"userId\":\"" + carol + "\",\"readSeq\":0,\"unreadCount\":4");

        Map<String, List<String>> before = RedisContents.snapshot(redis, group);
        Response retry = api.post(group, alice, "two", "first-" + scenario);
        Response edit = api.edit(group, alice, 2, "too late");
        Response groupRetry = api.send("POST", "/v1/conversations", "{\"participants\":[\"" + bob + "\",\"" + carol
                + "\"],\"clientRequestId\":\"group-" + scenario + "\"}", alice);
        assertThat(retry.status()).isEqualTo(410);
        assertThat(retry.problem()).isEqualTo("entry-expired");
        assertThat(retry.json().get("seq").asLong()).isEqualTo(2);
        assertThat(edit.status()).isEqualTo(404);
        assertThat(groupRetry.status()).isEqualTo(410);
        assertThat(api.send("GET", "/v1/conversations/" + group + "/messages/2", null, alice).status())
                .isEqualTo(404);
        assertThat(RedisContents.snapshot(redis, group)).isEqualTo(before);

        assertThat(api.posted(group, bob, "the counter goes on").seq()).isEqualTo(13);
        assertThat(seqs(api.page(group, "after=0", carol).json())).containsExactly(9L, 10L, 11L, 12L, 13L);
    }

    @Test
    void entriesOlderThanMaxAgeVanishForReadersAtOnceAndTheNextWriteTrimsThem() {
        JsonApi api = new JsonApi(twoSeconds.baseUrl(), USER_HEADER);
        String conversation = api.openDirect(alice, bob);
        api.posted(conversation, alice, "one");
        api.posted(conversation, alice, "two");
        api.posted(conversation, alice, "three");
        assertThat(inboxRow(api, bob, conversation).get("unreadCount").asLong()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(10)).until(() -> api.page(conversation, "after=0", bob).json()
                .get("messages").isEmpty());

        JsonNode expired = api.page(conversation, "after=0", bob).json();
        assertThat(expired.get("missing")).hasToString("[{\"fromSeq\":1,\"toSeq\":3,\"reason\":\"retention\"}]");
        assertThat(api.send("GET", "/v1/conversations/" + conversation + "/messages/3", null, alice).status())
                .isEqualTo(404);
        assertThat(inboxRow(api, bob, conversation).get("unreadCount").asLong()).isZero();
        assertThat(inboxRow(api, bob, conversation).get("lastEntry").isNull()).isTrue();
        // reads hide, and write nothing: the three entries are still stored until a write trims them
        assertThat(redis.opsForZSet().zCard("chat:{" + conversation + "}:messages")).isEqualTo(3);

        assertThat(api.posted(conversation, alice, "four").seq()).isEqualTo(4);

        assertThat(redis.opsForZSet().zCard("chat:{" + conversation + "}:messages")).isEqualTo(1);
        assertThat(seqs(api.page(conversation, "after=0", bob).json())).containsExactly(4L);
        assertThat(inboxRow(api, bob, conversation).get("unreadCount").asLong()).isEqualTo(1);
    }

    /**
     * A long history that retention starts to trim goes in bounded steps, a thousand entries per write, never in one
     * long script; readers see all of it gone at once.
     */
    @Test
    void aLongHistoryIsTrimmedAThousandEntriesPerWrite() {
        JsonApi main = new JsonApi("http://localhost:" + port, null);
        String conversation = "dm_" + UUID.randomUUID().toString().replace("-", "");
        String messages = "chat:{" + conversation + "}:messages";
        redis.opsForSet().add("chat:{" + conversation + "}:participants", alice, bob);
        main.send("POST", "/v1/conversations/" + conversation + "/messages",
                "{\"senderId\":\"" + alice + "\",\"body\":\"old\"}", null);
        String first = redis.opsForZSet().range(messages, 0, 0).iterator().next();
        redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            for (int seq = 2; seq <= 2500; seq++) {
                connection.zSetCommands().zAdd(messages.getBytes(), seq,
                        first.replaceFirst("\"seq\":1,", "\"seq\":" + seq + ",").getBytes());
            }
            return null;
        });
        JsonApi api = new JsonApi(fiveEntries.baseUrl(), USER_HEADER);

        assertThat(api.posted(conversation, bob, "new").seq()).isEqualTo(2501);

        assertThat(redis.opsForZSet().zCard(messages)).isEqualTo(1501);
        assertThat(seqs(api.page(conversation, "after=0", alice).json())).containsExactly(2497L, 2498L, 2499L,
                2500L, 2501L);
        api.posted(conversation, bob, "newer");
        api.posted(conversation, bob, "newest");
        assertThat(redis.opsForZSet().zCard(messages)).isEqualTo(5);
    }

    /**
     * Random posts, edits, deletions, clears, membership changes and markers in a group that keeps 20 entries,
     * checked after every step: each participant's unreadCount, in the conversation state and in their inbox, equals
     * a count made by hand from what that participant's own page shows after their marker.
     */
    @Test
    void unreadCountsEqualWhatEachReaderCanSeeAfterAnyMixOfChanges() {
        JsonApi api = new JsonApi(twentyEntries.baseUrl(), USER_HEADER);
        String dave = "dave-" + run;
        List<String> people = new ArrayList<>(List.of(alice, bob, carol));
        String group = api.send("POST", "/v1/conversations", "{\"participants\":[\"" + bob + "\",\"" + carol
                + "\"]}", alice).json().get("conversationId").asString();
        Map<Long, String> senders = new HashMap<>();
        java.util.Random random = new Random(21);
        for (int step = 0; step < 150; step++) {
            String actor = people.get(random.nextInt(people.size()));
            long last = api.page(group, "limit=1", actor).json().get("lastSeq").asLong();
            int roll = random.nextInt(20);
            if (roll < 8) {
                senders.put(api.posted(group, actor, "step " + step).seq(), actor);
            } else if (roll < 12 && !senders.isEmpty()) {
                long target = List.copyOf(senders.keySet()).get(random.nextInt(senders.size()));
                Response change = roll < 10 ? api.edit(group, senders.get(target), target, "edited at " + step)
                        : api.delete(group, roll == 10 ? senders.get(target) : alice, target);
                assertThat(change.status()).as("step %d", step).isIn(200, 201, 403, 404, 409);
            } else if (roll < 14) {
                api.send("POST", "/v1/conversations/" + group + "/clear", "{\"throughSeq\":"
                        + random.nextLong(last + 1) + "}", actor);
            } else if (roll < 16) {
                boolean add = !people.contains(dave);
                Response membership = add ? api.addParticipant(group, dave, alice)
                        : api.removeParticipant(group, dave, alice);
                assertThat(membership.status()).as("step %d", step).isEqualTo(add ? 201 : 200);
                if (add) {
                    people.add(dave);
                } else {
                    people.remove(dave);
                }
            } else {
                api.send("PUT", "/v1/conversations/" + group + "/read-markers/" + actor, "{\"seq\":"
                        + random.nextLong(last + 1) + "}", actor);
            }
            for (JsonNode marker : api.send("GET", "/v1/conversations/" + group, null, alice).json()
                    .get("participants")) {
                String user = marker.get("userId").asString();
                long byHand = bruteForceUnread(api, group, user, marker.get("readSeq").asLong());
                assertThat(marker.get("unreadCount").asLong()).as("step %d, %s", step, user).isEqualTo(byHand);
                assertThat(inboxRow(api, user, group).get("unreadCount").asLong()).as("step %d, inbox of %s", step,
                        user).isEqualTo(byHand);
            }
        }
    }

    /** What {@code reader} has not read after {@code readSeq}: the visible messages of others, counted one by one. */
    private static long bruteForceUnread(JsonApi api, String conversation, String reader, long readSeq) {
        return StreamSupport.stream(api.page(conversation, "after=" + readSeq + "&limit=100", reader).json()
                .get("messages").spliterator(), false)
                .filter(entry -> entry.get("type").asString().equals("message") && !entry.has("deleted"))
                .filter(entry -> !entry.get("senderId").asString().equals(reader))
                .count();
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("messages").forEach(entry -> seqs.add(entry.get("seq").asLong()));
        return seqs;
    }

    private static JsonNode inboxRow(JsonApi api, String user, String conversation) {
        for (JsonNode row : api.send("GET", "/v1/users/me/conversations", null, user).json().get("conversations")) {
            if (row.get("conversationId").asString().equals(conversation)) {
                return row;
            }
        }
        throw new AssertionError(conversation + " is not in the inbox of " + user);
    }
}
