package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.TestIds;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.redis.EmbeddedRedisServer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Shutting an instance down answers the posts it holds, and keeps every one it acknowledged. */
class GracefulShutdownIT {

    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    /**
     * Posts held up inside the service (Redis paused for writes) when shutdown begins are answered, not cut off, and
     * each acknowledged seq is stored once: with {@code server.shutdown=immediate} their clients get a connection
     * error, the outcome of their posts is unknown, and this test fails.
     */
    @Test
    void shutdownAnswersEveryPostInFlightAndKeepsWhatItAcknowledged() throws Exception {
        String conversation = TestIds.conversation();
        try (EmbeddedRedisServer redis = new EmbeddedRedisServer(0, null)) {
            // the in-flight request count comes from the observation's long task timer, off by default
            ConfigurableApplicationContext app = TestInstances.start("127.0.0.1", redis.port(),
                    "management.metrics.observations.ignored-meters=");
            URI uri = URI.create(TestInstances.baseUrl(app) + "/v1/conversations/" + conversation + "/messages");
            pauseWrites(redis.port(), Duration.ofMillis(1500));
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inFlight.add(HttpClient.newHttpClient().sendAsync(post(uri, 0, i),
                        HttpResponse.BodyHandlers.ofString()));
            }
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("http.server.requests.active")
                    .longTaskTimers().stream().mapToInt(LongTaskTimer::activeTasks).sum() >= 8);

            app.close();

            List<Long> acknowledged = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(201);
                acknowledged.add(seqOf(answer.body()));
            }
            assertThat(acknowledged).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(storedMessages(redis.port(), conversation).stream().map(GracefulShutdownIT::seqOf))
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    private static void pauseWrites(int port, Duration duration) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", port);
        factory.afterPropertiesSet();
        factory.start();
        try {
            new StringRedisTemplate(factory).execute((RedisCallback<Object>) connection -> connection.execute(
                    "CLIENT", "PAUSE".getBytes(), Long.toString(duration.toMillis()).getBytes(), "WRITE".getBytes()));
        } finally {
            factory.destroy();
        }
    }

    private static HttpRequest post(URI uri, int thread, int i) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"senderId\":\"user-" + thread + "\",\"body\":\"m "
                        + i + "\",\"clientMessageId\":\"t" + thread + "-" + i + "\"}"))
                .build();
    }

    private static long seqOf(String json) {
        Matcher matcher = SEQ.matcher(json);
        assertThat(matcher.find()).as("seq in %s", json).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static Set<String> storedMessages(int port, String conversation) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", port);
        factory.afterPropertiesSet();
        factory.start();
        try {
            return new StringRedisTemplate(factory).opsForZSet()
                    .range("chat:{" + conversation + "}:messages", 0, -1);
        } finally {
            factory.destroy();
        }
    }
}
