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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Shutting an instance down answers the requests it holds, and loses no post that it acknowledged. */
class GracefulShutdownIT {

    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @Test
    void shutdownDuringPostsKeepsEveryAcknowledgedMessage() throws Exception {
        String conversation = TestIds.conversation();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (EmbeddedRedisServer redis = new EmbeddedRedisServer(0, null)) {
            ConfigurableApplicationContext app = TestInstances.start("127.0.0.1", redis.port());
            URI uri = URI.create(TestInstances.baseUrl(app) + "/v1/conversations/" + conversation + "/messages");
            HttpClient http = HttpClient.newHttpClient();
            ExecutorService posters = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    running.add(posters.submit(() -> postUntilRefused(http, uri, thread, acknowledged)));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 200);

                app.close();

                for (Future<?> poster : running) {
                    poster.get();
                }
            } finally {
                posters.shutdownNow();
            }

            Set<String> stored = storedMessages(redis.port(), conversation);
            List<Long> storedSeqs = stored.stream().map(GracefulShutdownIT::seqOf).toList();
            assertThat(storedSeqs).doesNotHaveDuplicates().containsAll(acknowledged);
            assertThat(storedSeqs).hasSizeGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    /**
     * Requests held up inside the service (Redis paused for writes) when shutdown begins are answered, not cut off:
     * with {@code server.shutdown=immediate} their clients get a connection error and this test fails.
     */
    @Test
    void shutdownAnswersEveryRequestInFlight() throws Exception {
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

            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
            }
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

    private static void postUntilRefused(HttpClient http, URI uri, int thread, Set<Long> acknowledged) {
        for (int i = 0; ; i++) {
            try {
                HttpResponse<String> response = http.send(post(uri, thread, i), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    return;
                }
                acknowledged.add(seqOf(response.body()));
            } catch (Exception ex) {
                return;
            }
        }
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
