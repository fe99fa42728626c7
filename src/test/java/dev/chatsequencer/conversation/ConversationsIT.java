package dev.chatsequencer.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@RedisIntegrationTest
class ConversationsIT {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";

    @Autowired
    RestTestClient http;

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    final String alice = "alice-" + UUID.randomUUID();
    final String bob = "bob-" + UUID.randomUUID();

    @Test
    void directConversationIdDoesNotDependOnOrderAndRepeatingIsHarmless() {
        DirectConversation first = direct(bob, alice, 201);
        DirectConversation again = direct(alice, bob, 200);

        assertThat(again).isEqualTo(first);
        assertThat(first.conversationId()).matches("dm_[0-9a-f]{32}");
        assertThat(first.participants()).containsExactly(alice, bob);
        assertThat(redis.opsForSet().members("chat:{" + first.conversationId() + "}:participants"))
                .containsExactlyInAnyOrder(alice, bob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"participants\":[\"alice\",\"alice\"]}", "{\"participants\":[\"alice\"]}",
            "{\"participants\":[\"a\",\"b\",\"c\"]}", "{\"participants\":[\"alice\",\"b b\"]}",
            "{\"participants\":[\"alice\",null]}", "{\"participants\":\"alice\"}", "{}"})
    void directConversationWithoutTwoDistinctValidUsersIs400(String json) {
        http.post().uri("/v1/conversations/direct").contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-request");
    }

    @Test
    void outsiderPostingToDirectConversationIs403AndConsumesNoSeq() {
        String id = direct(alice, bob, 201).conversationId();
        post(id, alice, 201);

        http.post().uri("/v1/conversations/{id}/messages", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"eve\",\"body\":\"let me in\"}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");

        assertThat(redis.opsForValue().get("chat:{" + id + "}:seq")).isEqualTo("1");
        assertThat(redis.opsForZSet().zCard("chat:{" + id + "}:messages")).isEqualTo(1);
        assertThat(post(id, bob, 201)).isEqualTo(2);
    }

    @Test
    void openConversationAcceptsAnySender() {
        String id = TestIds.conversation();

        assertThat(post(id, "anyone", 201)).isEqualTo(1);
        assertThat(post(id, "someone-else", 201)).isEqualTo(2);
        http.get().uri("/v1/conversations/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.type").isEqualTo("open")
                .jsonPath("$.lastSeq").isEqualTo(2)
                .jsonPath("$.participants").isEmpty();
    }

    @Test
    void readMarkersOnlyMoveForwardAndStopAtLastSeq() {
        String id = direct(alice, bob, 201).conversationId();
        for (int i = 0; i < 5; i++) {
            post(id, alice, 201);
        }

        mark(id, bob, "3").jsonPath("$.readSeq").isEqualTo(3).jsonPath("$.unreadCount").isEqualTo(2);
        mark(id, bob, "1").jsonPath("$.readSeq").isEqualTo(3).jsonPath("$.unreadCount").isEqualTo(2);
        mark(id, bob, "99").jsonPath("$.readSeq").isEqualTo(5).jsonPath("$.unreadCount").isEqualTo(0);

        assertThat(redis.opsForHash().get("chat:{" + id + "}:read", bob)).isEqualTo("5");
    }

    @Test
    void postingMovesTheSendersOwnMarkerAndConversationListsUnreadCounts() {
        String id = direct(alice, bob, 201).conversationId();
        post(id, alice, 201);
        post(id, alice, 201);
        post(id, bob, 201);
        post(id, alice, 201);

        http.get().uri("/v1/conversations/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.conversationId").isEqualTo(id)
                .jsonPath("$.type").isEqualTo("direct")
                .jsonPath("$.lastSeq").isEqualTo(4)
                .jsonPath("$.participants[0].userId").isEqualTo(alice)
                .jsonPath("$.participants[0].readSeq").isEqualTo(4)
                .jsonPath("$.participants[0].unreadCount").isEqualTo(0)
                .jsonPath("$.participants[1].userId").isEqualTo(bob)
                .jsonPath("$.participants[1].readSeq").isEqualTo(3)
                .jsonPath("$.participants[1].unreadCount").isEqualTo(1);
        http.get().uri("/v1/conversations/{id}/read-markers/{user}", id, bob).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.readSeq").isEqualTo(3).jsonPath("$.unreadCount").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"7\"", "null", "true"})
    void readMarkerWithNegativeOrNonIntegerSeqIs400AndChangesNothing(String seq) {
        String id = TestIds.conversation();
        post(id, alice, 201);

        http.put().uri("/v1/conversations/{id}/read-markers/{user}", id, bob)
                .contentType(MediaType.APPLICATION_JSON).body("{\"seq\":" + seq + "}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-request");

        assertThat(redis.opsForHash().hasKey("chat:{" + id + "}:read", bob)).isFalse();
    }

    @Test
    void outsiderSettingAMarkerInDirectConversationIs403() {
        String id = direct(alice, bob, 201).conversationId();

        http.put().uri("/v1/conversations/{id}/read-markers/eve", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"seq\":0}").exchange().expectStatus().isForbidden();

        assertThat(redis.opsForHash().hasKey("chat:{" + id + "}:read", "eve")).isFalse();
    }

    private DirectConversation direct(String first, String second, int status) {
        return http.post().uri("/v1/conversations/direct").contentType(MediaType.APPLICATION_JSON)
                .body("{\"participants\":[\"" + first + "\",\"" + second + "\"]}").exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(DirectConversation.class).returnResult().getResponseBody();
    }

    private long post(String id, String sender, int status) {
        JsonApi.Response posted = new JsonApi("http://localhost:" + port, null).post(id, sender, "hi");
        assertThat(posted.status()).as(String.valueOf(posted.json())).isEqualTo(status);
        return posted.json().get("seq").asLong();
    }

    private RestTestClient.BodyContentSpec mark(String id, String user, String seq) {
        return http.put().uri("/v1/conversations/{id}/read-markers/{user}", id, user)
                .contentType(MediaType.APPLICATION_JSON).body("{\"seq\":" + seq + "}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo(user);
    }
}
