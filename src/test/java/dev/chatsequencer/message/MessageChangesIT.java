package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisContents;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import dev.chatsequencer.stream.SseTestClient;
import dev.chatsequencer.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Edits and deletions over real HTTP: each takes the next seq, the message reads as changed wherever it is read, a
 * retry writes nothing, a refusal writes nothing and takes no seq, and a deleted message's text is gone from Redis.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageChangesIT {

    @LocalServerPort
    int port;

    /** An instance on the same Redis whose senders may delete only within 1 ms. */
    @RegisterExtension
    final ExtraInstance shortWindow = new ExtraInstance("chat.history.delete-window=1ms");

    @Autowired
    StringRedisTemplate redis;

    JsonApi api;
    String conversation;

    @BeforeEach
    void directConversationOfAliceAndBob() {
        api = new JsonApi("http://localhost:" + port, null);
        conversation = TestIds.conversation();
        redis.opsForSet().add("chat:{" + conversation + "}:participants", "alice", "bob");
    }

    @Test
    void anEditTakesTheNextSeqAndTheMessageReadsWithItsNewBodyEverywhere() {
        api.posted(conversation, "alice", "helo");
        api.posted(conversation, "bob", "hi");

        Response edit = api.edit(conversation, "alice", 1, "hello");
        Response retry = api.edit(conversation, "alice", 1, "hello");

        assertThat(edit.status()).isEqualTo(201);
        assertThat(edit.header("Location")).isEqualTo("/v1/conversations/" + conversation + "/messages/3");
        assertThat(edit.json().get("type").asString()).isEqualTo("message-edited");
        assertThat(edit.json().get("targetSeq").asLong()).isEqualTo(1);
        assertThat(edit.json().get("body").asString()).isEqualTo("hello");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(edit.json());
        JsonNode page = api.page(conversation, "after=0", null).json();
        assertThat(page.get("lastSeq").asLong()).isEqualTo(3);
        JsonNode message = page.get("messages").get(0);
        assertThat(message.get("body").asString()).isEqualTo("hello");
        assertThat(message.get("editedAt").asString()).isEqualTo(edit.json().get("sentAt").asString());
        assertThat(api.send("GET", "/v1/conversations/" + conversation + "/messages/1", null, null).json())
                .isEqualTo(message);
        assertThat(api.send("GET", "/v1/conversations/" + conversation + "/read-markers/bob", null, null).json()
                .get("unreadCount").asLong()).isZero();
    }

    @Test
    void aRefusedChangeWritesNothingAndTakesNoSeq() {
        api.posted(conversation, "alice", "mine");
        String group = api.createGroup("alice", "bob");
        Map<String, List<String>> conversationBefore = RedisContents.snapshot(redis, conversation);
        Map<String, List<String>> groupBefore = RedisContents.snapshot(redis, group);

        assertThat(api.edit(conversation, "bob", 1, "yours").json().get("type").asString())
                .endsWith("/not-the-sender");
        assertThat(api.delete(conversation, "bob", 1).status()).isEqualTo(403);
        assertThat(api.edit(conversation, "carol", 1, "x").status()).isEqualTo(403);
        assertThat(api.edit(conversation, "alice", 9, "x").status()).isEqualTo(404);
        assertThat(api.edit(conversation, "alice", 1, " ").status()).isEqualTo(400);
        assertThat(api.edit(group, "alice", 1, "x").json().get("type").asString()).endsWith("/not-a-message");
        assertThat(api.delete(group, "alice", 1).status()).isEqualTo(409);
        assertThat(RedisContents.snapshot(redis, conversation)).isEqualTo(conversationBefore);
        assertThat(RedisContents.snapshot(redis, group)).isEqualTo(groupBefore);
    }

    @Test
    void aDeletionErasesTheTextAndARetryOfTheOriginalPostAnswersTheDeletedMessage() {
        Response posted = api.post(conversation, "alice", "a secret", "c-1");
        api.edit(conversation, "alice", 1, "a secret, edited");

        Response deletion = api.delete(conversation, "alice", 1);
        Response again = api.delete(conversation, "alice", 1);
        Response retriedPost = api.post(conversation, "alice", "a secret", "c-1");

        assertThat(posted.status()).isEqualTo(201);
        assertThat(deletion.status()).isEqualTo(201);
        assertThat(deletion.json().get("type").asString()).isEqualTo("message-deleted");
        assertThat(deletion.json().get("seq").asLong()).isEqualTo(3);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("seq").asLong()).isEqualTo(3);
        assertThat(retriedPost.status()).isEqualTo(200);
        assertThat(retriedPost.json().get("deleted").asBoolean()).isTrue();
        assertThat(retriedPost.json().has("body")).isFalse();
        JsonNode entries = api.page(conversation, "after=0", null).json().get("messages");
        assertThat(entries.get(0).get("deleted").asBoolean()).isTrue();
        assertThat(entries.get(1).has("body")).isFalse();
        assertThat(api.edit(conversation, "alice", 1, "back").json().get("type").asString())
                .endsWith("/message-deleted");
        assertThat(RedisContents.everyValue(redis, conversation)).isNotEmpty()
                .noneMatch(value -> value.contains("secret"));
    }

    @Test
    void aFollowerSeesEachChangeAtItsSeq() throws Exception {
        api.posted(conversation, "alice", "first");
        try (SseTestClient stream = SseTestClient.open("http://localhost:" + port + "/v1/conversations/"
                + conversation + "/stream?after=0", null)) {
            api.edit(conversation, "alice", 1, "first, edited");
            api.delete(conversation, "alice", 1);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stream.events().size() >= 3);
            assertThat(stream.events()).extracting(SseTestClient.Event::id).containsExactly("1", "2", "3");
            assertThat(stream.events().get(1).data()).contains("\"type\":\"message-edited\"", "\"targetSeq\":1");
            assertThat(stream.events().get(2).data()).contains("\"type\":\"message-deleted\"", "\"targetSeq\":1");
        }
    }

    @Test
    void pastItsDeleteWindowOnlyTheOwnerDeletesAMessage() {
        JsonApi windowed = new JsonApi(shortWindow.baseUrl(), null);
        String group = windowed.createGroup("alice", "bob");
        TimelineEntry posted = windowed.posted(group, "bob", "quick, before it is too late");
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(posted.sentAt().plusMillis(5)));

        Response bySender = windowed.delete(group, "bob", posted.seq());
        Response byOwner = windowed.delete(group, "alice", posted.seq());

        assertThat(bySender.status()).isEqualTo(403);
        assertThat(bySender.problem()).isEqualTo("delete-window-passed");
        assertThat(byOwner.status()).isEqualTo(201);
    }

    /**
     * Eight threads post, edit and delete in one conversation at once: every change takes its own seq, the seqs stay
     * dense, each message reads as its last change left it, and a reader replaying every entry from seq 0 arrives at
     * exactly what a fresh page shows.
     */
    @Test
    void racingPostsEditsAndDeletionsKeepSeqsDenseAndAReplayRebuildsWhatAPageShows() throws Exception {
        List<String> outcomes = ConcurrentPostingIT.runConcurrently(8, thread -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String sender = thread % 2 == 0 ? "alice" : "bob";
                long seq = api.posted(conversation, sender, "t" + thread + " m" + i).seq();
                mine.add("posted " + seq);
                mine.add("edit " + api.edit(conversation, sender, seq, "t" + thread + " m" + i + " edited").status());
                if (i % 3 == 0) {
                    mine.add("delete " + api.delete(conversation, sender, seq).status());
                }
            }
            return mine;
        });

        List<JsonNode> entries = new ArrayList<>();
        JsonNode page;
        do {
            long after = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).get("seq").asLong();
            page = api.page(conversation, "limit=200&after=" + after, null).json();
            page.get("messages").forEach(entries::add);
        } while (page.get("hasMore").asBoolean());
        long last = page.get("lastSeq").asLong();
        assertThat(outcomes).filteredOn(outcome -> !outcome.startsWith("posted"))
                .allSatisfy(outcome -> assertThat(outcome).endsWith("201"));
        assertThat(last).isEqualTo(8 * (15 + 15 + 5));
        assertThat(entries).extracting(entry -> entry.get("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(replayed(entries)).isEqualTo(messagesAsRead(entries));
    }

    /** What a reader that applied every entry in seq order holds: seq to body, a deleted message without one. */
    private static Map<Long, String> replayed(List<JsonNode> entries) {
        Map<Long, String> messages = new TreeMap<>();
        for (JsonNode entry : entries) {
            switch (entry.get("type").asString()) {
                case "message" -> messages.put(entry.get("seq").asLong(), "posted");
                case "message-edited" -> messages.put(entry.get("targetSeq").asLong(), "edited");
                case "message-deleted" -> messages.put(entry.get("targetSeq").asLong(), "deleted");
                default -> throw new IllegalStateException("unexpected " + entry);
            }
        }
        return messages;
    }

    /** The messages of a page as they read now: deleted, edited (editedAt), or as posted. */
    private static Map<Long, String> messagesAsRead(List<JsonNode> entries) {
        Map<Long, String> messages = new TreeMap<>();
        for (JsonNode entry : entries) {
            if (entry.get("type").asString().equals("message")) {
                messages.put(entry.get("seq").asLong(), entry.has("deleted") ? "deleted"
                        : entry.has("editedAt") ? "edited" : "posted");
            }
        }
        return messages;
    }
}
