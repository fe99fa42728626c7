package dev.chatsequencer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.timeline.TimelineCodec;
import dev.chatsequencer.timeline.TimelineEntry;
import io.lettuce.core.KillArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Live streams against a real Redis, with a second instance (fast heartbeats) beside the test's own, so a message
 * posted through one instance must reach streams held by the other.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStreamIT {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    RestTestClient http;

    @Autowired
    LettuceConnectionFactory connectionFactory;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ConversationKeys keys;

    @Autowired
    TimelineCodec codec;

    @LocalServerPort
    int port;

    ConfigurableApplicationContext second;
    JsonApi api;
    JsonApi secondApi;
    /** A conversation of its own for each test: the class shares one application context and Redis. */
    String conversation;

    @BeforeAll
    void startSecondInstance() {
        second = TestInstances.start(connectionFactory, "chat.stream.heartbeat-interval=200ms");
        secondApi = new JsonApi(TestInstances.baseUrl(second), null);
    }

    @BeforeEach
    void newConversation() {
        api = new JsonApi("http://localhost:" + port, null);
        conversation = TestIds.conversation();
    }

    @AfterAll
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void streamResumedFromLastEventIdOnOtherInstanceGetsEverySeqOnceInOrderWhileManyPost() throws Exception {
        for (int i = 1; i <= 10; i++) {
            post(api, conversation, "stored " + i);
        }

        try (SseTestClient stream = SseTestClient.open(streamUrl(second, conversation, ""), "4")) {
            postConcurrently(conversation, 4, 25);

            await().atMost(PATIENCE).until(() -> stream.events().size() >= 106);
            assertThat(stream.events()).extracting(SseTestClient.Event::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(5, 110).mapToObj(Long::toString).toList());
            assertThat(stream.events()).allSatisfy(event -> {
                assertThat(event.name()).isEqualTo("message");
                assertThat(event.data()).contains("\"seq\":" + event.id() + ",")
                        .contains("\"conversationId\":\"" + conversation + "\"");
            });
        }
    }

    @Test
    void streamWithAfterParameterStartsJustAfterIt() throws Exception {
        for (int i = 1; i <= 3; i++) {
            post(api, conversation, "stored " + i);
        }

        try (SseTestClient stream = SseTestClient.open(streamUrl(second, conversation, "?after=1"), null)) {
            await().atMost(PATIENCE).until(() -> stream.events().size() >= 2);
            assertThat(stream.events()).extracting(SseTestClient.Event::id).containsExactly("2", "3");
        }
    }

    @Test
    void streamWithoutResumePointGetsOnlyNewMessages() throws Exception {
        post(api, conversation, "old");

        try (SseTestClient stream = SseTestClient.open(streamUrl(second, conversation, ""), null)) {
            await().atMost(PATIENCE).until(() -> !stream.comments().isEmpty());
            post(api, conversation, "new");

            await().atMost(PATIENCE).until(() -> !stream.events().isEmpty());
            assertThat(stream.events()).extracting(SseTestClient.Event::id).containsExactly("2");
        }
    }

    @Test
    void streamWhoseDoorbellWasMissedFillsTheGapFromTheTimeline() throws Exception {
        try (SseTestClient stream = SseTestClient.open(streamUrl(null, conversation, "?after=0"), null)) {
            storeWithoutDoorbell(conversation, 1);
            post(api, conversation, "rings");

            await().atMost(PATIENCE).until(() -> stream.events().size() >= 2);
            assertThat(stream.events()).extracting(SseTestClient.Event::id).containsExactly("1", "2");
        }
    }

    @Test
    void streamWhoseOnlyDoorbellWasMissedCatchesUpAtTheNextHeartbeat() throws Exception {
        try (SseTestClient stream = SseTestClient.open(streamUrl(second, conversation, "?after=0"), null)) {
            await().atMost(PATIENCE).until(() -> stream.comments().stream().filter("keep-alive"::equals).count() >= 2);
            storeWithoutDoorbell(conversation, 1);

            await().atMost(PATIENCE).until(() -> stream.events().size() >= 1);
            assertThat(stream.events()).extracting(SseTestClient.Event::id).containsExactly("1");
        }
    }

    /**
     * A message stored while the doorbell subscription is down rings no bell. When the subscription is made again
     * every stream reads the timeline, without waiting for a heartbeat (an hour away on this instance).
     */
    @Test
    void streamCatchesUpWhenTheDoorbellSubscriptionIsMadeAgain() throws Exception {
        ConfigurableApplicationContext slowHeartbeats = TestInstances.start(connectionFactory,
                "chat.stream.heartbeat-interval=1h");
        try (SseTestClient stream = SseTestClient.open(streamUrl(slowHeartbeats, conversation, "?after=0"), null)) {
            await().atMost(PATIENCE).until(() -> !stream.comments().isEmpty());
            storeWithoutDoorbell(conversation, 1);

            killPubSubConnections();

            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
            assertThat(stream.events()).extracting(SseTestClient.Event::id).containsExactly("1");
        } finally {
            slowHeartbeats.close();
        }
    }

    /**
     * No firehose: an instance subscribes to a conversation's doorbell only while it holds a stream of it, never to a
     * pattern, and hears nothing of the conversations nobody follows there.
     */
    @Test
    void anInstanceHearsOnlyTheDoorbellsOfConversationsItHoldsAStreamOf() throws Exception {
        String channel = keys.events(conversation);
        String unfollowed = TestIds.conversation();
        Counter heard = second.getBean(MeterRegistry.class).get("chat.stream.doorbells").counter();
        assertThat(subscribers(channel)).isZero();
        assertThat(patternSubscriptions()).isZero();

        try (SseTestClient stream = SseTestClient.open(streamUrl(second, conversation, "?after=0"), null)) {
            await().atMost(PATIENCE).until(() -> subscribers(channel) == 1);
            double before = heard.count();
            for (int i = 0; i < 5; i++) {
                post(api, unfollowed, "nobody follows this here");
            }
            post(api, conversation, "followed");

            await().atMost(PATIENCE).until(() -> stream.events().size() >= 1);
            assertThat(heard.count() - before).isEqualTo(1);
            assertThat(subscribers(keys.events(unfollowed))).isZero();
        }
        await().atMost(PATIENCE).until(() -> subscribers(channel) == 0);
        assertThat(patternSubscriptions()).isZero();
    }

    /**
     * Streams of a few conversations open and close on many threads at once: the subscriptions end exactly as the
     * streams do (one for each conversation that still has a stream, none for the others), and a post then reaches
     * every stream left.
     */
    @Test
    void subscriptionsFollowStreamsThatOpenAndCloseConcurrently() throws Exception {
        List<String> conversations = List.of(TestIds.conversation(), TestIds.conversation(), TestIds.conversation(),
                TestIds.conversation());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> churn = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String of = conversations.get(i % conversations.size());
            churn.add(pool.submit(() -> {
                try (SseTestClient stream = SseTestClient.open(streamUrl(second, of, ""), null)) {
                    await().atMost(PATIENCE).until(() -> !stream.comments().isEmpty());
                }
                return null;
            }));
        }
        pool.shutdown();
        List<String> failures = new ArrayList<>();
        for (Future<?> opened : churn) {
            try {
                opened.get();
            } catch (ExecutionException ex) {
                failures.add(ex.getCause().toString());
            }
        }
        assertThat(failures).isEmpty();
        try (SseTestClient first = SseTestClient.open(streamUrl(second, conversations.get(0), ""), null);
                SseTestClient other = SseTestClient.open(streamUrl(second, conversations.get(1), ""), null)) {
            await().atMost(PATIENCE).until(() -> subscribers(keys.events(conversations.get(0))) == 1
                    && subscribers(keys.events(conversations.get(1))) == 1
                    && subscribers(keys.events(conversations.get(2))) == 0
                    && subscribers(keys.events(conversations.get(3))) == 0);
            post(api, conversations.get(0), "to the first");
            post(api, conversations.get(1), "to the other");

            await().atMost(PATIENCE).until(() -> first.events().size() == 1 && other.events().size() == 1);
        }
    }

    @Test
    void disconnectedClientReleasesItsStreamPromptly() throws Exception {
        MeterRegistry metrics = second.getBean(MeterRegistry.class);
        SseTestClient stream = SseTestClient.open(streamUrl(second, conversation, ""), null);
        await().atMost(PATIENCE).until(() -> activeStreams(metrics) >= 1);

        stream.close();

        await().atMost(PATIENCE).until(() -> activeStreams(metrics) == 0);
    }

    @Test
    void shutdownCompletesOpenStreamsSoTheInstanceStopsQuickly() throws Exception {
        ConfigurableApplicationContext third = TestInstances.start(connectionFactory);
        try (SseTestClient stream = SseTestClient.open(streamUrl(third, conversation, ""), null)) {
            await().atMost(PATIENCE).until(() -> !stream.comments().isEmpty());

            long started = System.nanoTime();
            third.close();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            await().atMost(PATIENCE).until(stream::ended);
        }
    }

    @Test
    void streamPastItsTimeoutEndsCleanlyAndIsReleased() throws Exception {
        ConfigurableApplicationContext shortLived = TestInstances.start(connectionFactory, "chat.stream.timeout=500ms");
        try (SseTestClient stream = SseTestClient.open(streamUrl(shortLived, conversation, ""), null)) {
            MeterRegistry metrics = shortLived.getBean(MeterRegistry.class);

            await().atMost(PATIENCE).until(stream::ended);
            await().atMost(PATIENCE).until(() -> activeStreams(metrics) == 0);
        } finally {
            shortLived.close();
        }
    }

    @Test
    void streamWithInvalidLastEventIdIsRefusedWith400() {
        http.get().uri("/v1/conversations/{id}/stream", conversation).header("Last-Event-ID", "abc")
                .exchange().expectStatus().isBadRequest();
        http.get().uri("/v1/conversations/{id}/stream?after=-1", conversation)
                .exchange().expectStatus().isBadRequest();
    }

    private void postConcurrently(String conversation, int threads, int postsEach) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JsonApi via = t % 2 == 0 ? api : secondApi;
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < postsEach; i++) {
                        post(via, conversation, "live " + thread + "-" + i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void post(JsonApi via, String conversation, String body) {
        via.posted(conversation, "alice", body);
    }

    /** CLIENT KILL TYPE pubsub: every instance's doorbell subscription drops, and Lettuce makes it again. */
    private void killPubSubConnections() {
        redis.execute((RedisCallback<Object>) connection -> commands(connection)
                .clientKill(KillArgs.Builder.typePubsub()).toCompletableFuture().join());
    }

    /** Stores a message as a post would, but rings no doorbell. */
    private void storeWithoutDoorbell(String conversation, long seq) {
        String member = codec.encode(TimelineEntry.posted(conversation, seq, "alice", "silent", null,
                Instant.parse("2026-11-28T00:00:00Z")));
        redis.opsForZSet().add(keys.messages(conversation), member, seq);
        redis.opsForValue().set(keys.sequence(conversation), Long.toString(seq));
    }

    private String streamUrl(ConfigurableApplicationContext instance, String conversation, String query) {
        String base = instance == null ? "http://localhost:" + port : TestInstances.baseUrl(instance);
        return base + "/v1/conversations/" + conversation + "/stream" + query;
    }

    /** PUBSUB NUMSUB: how many connections, of every instance, subscribe to {@code channel}. */
    private long subscribers(String channel) {
        byte[] name = channel.getBytes(StandardCharsets.UTF_8);
        return redis.execute((RedisCallback<Long>) connection -> commands(connection).pubsubNumsub(name)
                .toCompletableFuture().join().values().iterator().next());
    }

    /** PUBSUB NUMPAT: pattern subscriptions on this Redis, of every instance. */
    private long patternSubscriptions() {
        return redis.execute((RedisCallback<Long>) connection -> commands(connection).pubsubNumpat()
                .toCompletableFuture().join());
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<byte[], byte[]> commands(RedisConnection connection) {
        return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
    }

    private static double activeStreams(MeterRegistry metrics) {
        return metrics.get("chat.streams.active").gauge().value();
    }
}
