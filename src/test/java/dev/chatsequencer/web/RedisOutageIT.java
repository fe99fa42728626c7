package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.SequencerApplication;
import dev.chatsequencer.TestIds;
import dev.chatsequencer.redis.EmbeddedRedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

    @BeforeEach
    void startServiceOnItsOwnRedis() {
        redis = new EmbeddedRedisServer(0, null);
        app = new SpringApplicationBuilder(SequencerApplication.class).properties(
                "server.port=0",
                "chat.redis.embedded.enabled=false",
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port()).run();
        http = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port")).build();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        redis.close();
    }

    @Test
    void whenRedisGoesDownThenPrompt503AndWhenItReturnsThenServesAgainWithoutRestart() throws Exception {
        post("before").expectStatus().isCreated();
        int port = redis.port();

        redis.close();

        long started = System.nanoTime();
        post("during").expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemResponsesIT.PROBLEMS + "storage-unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        http.get().uri("/v1/conversations/{id}/messages", conversation).exchange().expectStatus().isEqualTo(503);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/actuator/health/readiness")
                .exchange().expectStatus().isEqualTo(503));
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        redis = new EmbeddedRedisServer(port, null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post("after").expectStatus().isCreated());
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private RestTestClient.ResponseSpec post(String body) {
        return http.post().uri("/v1/conversations/{id}/messages", conversation)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"" + body + "\"}").exchange();
    }
}
