package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import dev.chatsequencer.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Posting against a real Redis, on a fixed clock so that {@code sentAt} is asserted exactly. */
@RedisIntegrationTest
class MessagePostingIT {

    static final Instant NOW = Instant.parse("2026-11-28T13:23:09.176Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    RestTestClient http;

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    JsonApi client;
    String conversation;

    @BeforeEach
    void setUp() {
        client = new JsonApi("http://localhost:" + port, null);
        conversation = TestIds.conversation();
    }

    @Test
    void postWhenConversationIsNewThenAssignsSeqOneAndStoresItInRedis() {
        JsonApi.Response result = client.post(conversation, "alice", "hello", "m-1");

        assertThat(result.status()).isEqualTo(201);
        assertThat(result.header("Location"))
                .hasToString("/v1/conversations/" + conversation + "/messages/1");
        TimelineEntry message = result.as(TimelineEntry.class);
        assertThat(message.conversationId()).isEqualTo(conversation);
        assertThat(message.seq()).isEqualTo(1);
        assertThat(message.senderId()).isEqualTo("alice");
        assertThat(message.body()).isEqualTo("hello");
        assertThat(message.clientMessageId()).isEqualTo("m-1");
        assertThat(message.sentAt()).isEqualTo(NOW);

        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo("1");
        Set<String> stored = redis.opsForZSet().rangeByScore("chat:{" + conversation + "}:messages", 1, 1);
        assertThat(stored).singleElement().asString()
                .isEqualTo("{\"seq\":1,\"senderId\":\"alice\",\"body\":\"hello\",\"clientMessageId\":\"m-1\","
                        + "\"sentAt\":\"2026-11-28T13:23:09.176Z\"}");
        assertThat(redis.getExpire("chat:{" + conversation + "}:idem:c:5:alice:m-1")).isBetween(86_000L, 86_400L);
    }

    @Test
    void postWhenClientSetsSeqAndSentAtThenServerValuesWin() {
        client.posted(conversation, "alice", "first");

        TimelineEntry message = http.post().uri("/v1/conversations/{id}/messages", conversation)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"bob\",\"body\":\"hi\",\"seq\":99,\"sentAt\":\"2000-01-01T00:00:00Z\"}")
                .exchange().expectStatus().isCreated().expectBody(TimelineEntry.class).returnResult().getResponseBody();

        assertThat(message.seq()).isEqualTo(2);
        assertThat(message.sentAt()).isEqualTo(NOW);
    }

    @Test
    void postWhenClientMessageIdRepeatsThenReturnsOriginalSeq() {
        TimelineEntry original = client.post(conversation, "alice", "hello", "m-1").as(TimelineEntry.class);
        client.posted(conversation, "bob", "in between");

        JsonApi.Response retry = client.post(conversation, "alice", "hello", "m-1");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.as(TimelineEntry.class)).isEqualTo(original);
        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo("2");
        assertThat(redis.opsForZSet().zCard("chat:{" + conversation + "}:messages")).isEqualTo(2);
    }

    @Test
    void postWhenClientMessageIdRepeatsWithDifferentBodyThenConflictAndNothingStored() {
        client.post(conversation, "alice", "hello", "m-1");

        http.post().uri("/v1/conversations/{id}/messages", conversation).contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"changed\",\"clientMessageId\":\"m-1\"}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://chat-sequencer.dev/problems/idempotency-conflict")
                .jsonPath("$.seq").isEqualTo(1);

        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo("1");
        assertThat(redis.opsForZSet().zCard("chat:{" + conversation + "}:messages")).isEqualTo(1);
    }

    @Test
    void postWhenOtherSenderReusesClientMessageIdThenStoresSeparateMessage() {
        client.post(conversation, "alice", "hello", "m-1");

        JsonApi.Response other = client.post(conversation, "bob", "hello", "m-1");

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.as(TimelineEntry.class).seq()).isEqualTo(2);
    }

    @Test
    void postWhenIdsContainColonsThenIdempotencyKeysDoNotCollide() {
        client.post(conversation, "a:b", "one", "c");

        JsonApi.Response other = client.post(conversation, "a", "two", "b:c");

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.as(TimelineEntry.class).seq()).isEqualTo(2);
    }

    @Test
    void postWithoutClientMessageIdThenKeepsShortLivedServerTokenForReconnectResends() {
        client.posted(conversation, "alice", "hello");

        Set<String> tokens = redis.keys("chat:{" + conversation + "}:idem:s:*");
        assertThat(tokens).hasSize(1);
        assertThat(redis.getExpire(tokens.iterator().next())).isBetween(1L, 600L);
    }

    @Test
    void postWhenCounterKeyWasLostThenNeverReusesASeq() {
        for (int i = 0; i < 3; i++) {
            client.posted(conversation, "alice", "before " + i);
        }
        redis.delete("chat:{" + conversation + "}:seq");

        TimelineEntry next = client.posted(conversation, "alice", "after loss");

        assertThat(next.seq()).isEqualTo(4);
        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo("4");
        assertThat(client.posted(conversation, "bob", "and on").seq()).isEqualTo(5);
        assertThat(redis.opsForZSet().zCard("chat:{" + conversation + "}:messages")).isEqualTo(5);
    }

    @Test
    void postWhenCounterKeyFellBehindStoredMessagesThenContinuesAboveThem() {
        for (int i = 0; i < 3; i++) {
            client.posted(conversation, "alice", "before " + i);
        }
        redis.opsForValue().set("chat:{" + conversation + "}:seq", "1");

        assertThat(client.posted(conversation, "alice", "after rollback").seq()).isEqualTo(4);
    }

    @Test
    void getConversationWhenCounterKeyWasLostThenReportsHighestStoredSeq() {
        client.posted(conversation, "alice", "one");
        client.posted(conversation, "alice", "two");
        redis.delete("chat:{" + conversation + "}:seq");

        http.get().uri("/v1/conversations/{id}", conversation).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.conversationId").isEqualTo(conversation)
                .jsonPath("$.lastSeq").isEqualTo(2);
    }

    @Test
    void getOneMessageThenReturnsItOr404() {
        TimelineEntry posted = client.posted(conversation, "alice", "hello");

        http.get().uri("/v1/conversations/{id}/messages/1", conversation).exchange()
                .expectStatus().isOk().expectBody(TimelineEntry.class).isEqualTo(posted);
        http.get().uri("/v1/conversations/{id}/messages/2", conversation).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://chat-sequencer.dev/problems/not-found")
                .jsonPath("$.detail").isEqualTo("Conversation '" + conversation + "' has no message with seq 2.");
    }

    @Test
    void postWhenBodyHasEmojiThenLengthCountsCodePointsAndJsonRoundTrips() {
        String body = "😀".repeat(4096);

        TimelineEntry message = client.posted(conversation, "alice", body);

        assertThat(message.body()).isEqualTo(body);
        assertThat(client.timeline(conversation, "limit=1").messages()).singleElement()
                .extracting(TimelineEntry::body).isEqualTo(body);
    }
}
