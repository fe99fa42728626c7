package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.TestIds;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.redis.EmbeddedRedisServer;
import dev.chatsequencer.stream.SseTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Stops and restarts a real redis-server under a running service: requests get a prompt 503, and service resumes by
 * itself once Redis is back, even though the new process has forgotten every loaded script.
 */
class RedisOutageIT {

    EmbeddedRedisServer redis;
    ConfigurableApplicationContext app;
    RestTestClient http;
    String conversation = TestIds.conversation();

    @AfterEach
    void stop() throws Exception {
        app.close();
        redis.close();
    }

    @Test
    void whenRedisGoesDownThenPrompt503AndWhenItReturnsThenServesAgainWithoutRestart() throws Exception {
        startServiceOn(new EmbeddedRedisServer(0, null));
        post("before", "m-1").expectStatus().isCreated();

        redis.close();

        long started = System.nanoTime();
        post("during", "m-2").expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemResponsesIT.PROBLEMS + "storage-unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        http.get().uri("/v1/conversations/{id}/messages", conversation).exchange().expectStatus().isEqualTo(503);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/actuator/health/readiness")
                .exchange().expectStatus().isEqualTo(503));
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        redis = new EmbeddedRedisServer(redis.port(), null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post("after", "m-3").expectStatus().isCreated());
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void whenRedisRestartsWithAppendOnlyFileThenMessagesSurviveRetriesStayReplaysAndStreamsGoOn(
            @TempDir Path dataDir) throws Exception {
        startServiceOn(new EmbeddedRedisServer(0, dataDir));
        for (int i = 1; i <= 3; i++) {
            post("message " + i, "m-" + i).expectStatus().isCreated();
        }
        try (SseTestClient stream = SseTestClient.open(
                TestInstances.baseUrl(app) + "/v1/conversations/" + conversation + "/stream?after=0", null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.events().size() >= 3);

            redis.close();
            redis = new EmbeddedRedisServer(redis.port(), dataDir);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post("message 2", "m-2").expectStatus()
                    .isOk().expectBody().jsonPath("$.seq").isEqualTo(2));
            post("message 4", "m-4").expectStatus().isCreated().expectBody().jsonPath("$.seq").isEqualTo(4);
            http.get().uri("/v1/conversations/{id}/messages?after=0", conversation).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.messages[*].seq").isEqualTo(List.of(1, 2, 3, 4));
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.events().size() >= 4);
            assertThat(stream.events()).extracting(SseTestClient.Event::id).containsExactly("1", "2", "3", "4");
        }
    }

    private void startServiceOn(EmbeddedRedisServer server) {
        redis = server;
        app = TestInstances.start("127.0.0.1", server.port());
        http = RestTestClient.bindToServer().baseUrl(TestInstances.baseUrl(app)).build();
    }

    private RestTestClient.ResponseSpec post(String body, String clientMessageId) {
        return http.post().uri("/v1/conversations/{id}/messages", conversation)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"" + body + "\",\"clientMessageId\":\"" + clientMessageId
                        + "\"}").exchange();
    }
}
