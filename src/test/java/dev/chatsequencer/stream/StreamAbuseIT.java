package dev.chatsequencer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.HealthProbe;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Streams under attack: HEAD requests, clients that never read, and one client opening stream after stream. Each
 * runs against its own instance with small limits, and each checks that other clients are still served promptly.
 */
@RedisIntegrationTest
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamAbuseIT {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    /** About 12 KB of UTF-8 per message: a few hundred fill a client's socket and the server's send buffer. */
    static final String BIG_BODY = "€".repeat(4000);

    /** The suite's own instance, which posts: its doorbells reach the streams of the one under attack. */
    @LocalServerPort
    int port;

    @RegisterExtension
    final ExtraInstance instance = new ExtraInstance("chat.stream.heartbeat-interval=300ms",
            "chat.stream.max-per-client=3", "chat.stream.max-per-instance=5");

    /** Streams of the previous test are released by its heartbeats; the limits below count from zero. */
    @BeforeEach
    void noStreamsLeft() {
        await().atMost(PATIENCE).until(() -> activeStreams() == 0);
    }

    @Test
    void headOnStreamAnswersHeadersAndHoldsNoStream() throws Exception {
        String conversation = TestIds.conversation();
        for (int i = 0; i < 200; i++) {
            try (RawHttp connection = RawHttp.connect(instance.port())) {
                String head = connection.send("HEAD /v1/conversations/" + conversation + "/stream HTTP/1.1\r\n"
                        + "Host: localhost\r\nConnection: close\r\n\r\n").readHead();

                assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("text/event-stream");
            }
        }

        assertThat(activeStreams()).isZero();
        HealthProbe.assertAnswersPromptly(baseUrl());
    }

    @Test
    void clientThatNeverReadsDelaysNoOtherStream() throws Exception {
        String stalled = TestIds.conversation();
        String other = TestIds.conversation();
        try (RawHttp neverReads = openStream("127.0.0.1", stalled, 4096);
                SseTestClient reader = SseTestClient.open(streamUrl(other), null)) {
            await().atMost(PATIENCE).until(() -> !reader.comments().isEmpty());

            postMany(stalled, 600);
            post(other, "still live");

            await().atMost(Duration.ofSeconds(3)).until(() -> !reader.events().isEmpty());
            assertThat(reader.events()).extracting(SseTestClient.Event::id).containsExactly("1");
            HealthProbe.assertAnswersPromptly(baseUrl());
        }
    }

    @Test
    void stalledStreamIsReleasedAndItsServerSideClosed() throws Exception {
        String stalled = TestIds.conversation();
        double stalledBefore = counter("chat.streams.ended", "reason", "stalled");
        try (RawHttp neverReads = openStream("127.0.0.4", stalled, 4096)) {
            await().atMost(PATIENCE).until(() -> activeStreams() == 1);

            postMany(stalled, 600);

            await().atMost(Duration.ofSeconds(10)).until(() -> activeStreams() == 0);
            assertThat(counter("chat.streams.ended", "reason", "stalled")).isEqualTo(stalledBefore + 1);
        }
    }

    @Test
    void clientOverItsStreamLimitGets429AndInstanceOverItsLimitGets503() throws Exception {
        String conversation = TestIds.conversation();
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(openStream("127.0.0.2", conversation, 0));
            }
            RawHttp.Response refused = request("127.0.0.2", conversation);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("\"type\":\"https://chat-sequencer.dev/problems/too-many-streams\"");

            held.add(openStream("127.0.0.3", conversation, 0));
            held.add(openStream("127.0.0.3", conversation, 0));
            RawHttp.Response full = request("127.0.0.5", conversation);
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.body()).contains("\"type\":\"https://chat-sequencer.dev/problems/streams-at-capacity\"");
            assertThat(counter("chat.streams.refused", "limit", "client")).isEqualTo(1);
            assertThat(counter("chat.streams.refused", "limit", "instance")).isEqualTo(1);
            HealthProbe.assertAnswersPromptly(baseUrl());

            held.remove(0).close();
            await().atMost(PATIENCE).until(() -> activeStreams() == 4);
            held.add(openStream("127.0.0.2", conversation, 0));
        } finally {
            for (RawHttp connection : held) {
                connection.close();
            }
        }
        await().atMost(PATIENCE).until(() -> activeStreams() == 0);
    }

    private RawHttp openStream(String from, String conversation, int receiveBuffer) throws IOException {
        RawHttp connection = RawHttp.connect(from, instance.port(), receiveBuffer);
        String head = connection.send(streamRequest(conversation)).readHead();
        assertThat(head).startsWith("HTTP/1.1 200");
        return connection;
    }

    private RawHttp.Response request(String from, String conversation) throws IOException {
        try (RawHttp connection = RawHttp.connect(from, instance.port(), 0)) {
            return connection.send(streamRequest(conversation)).read();
        }
    }

    private static String streamRequest(String conversation) {
        return "GET /v1/conversations/" + conversation + "/stream?after=0 HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n";
    }

    private void postMany(String conversation, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                posts.add(pool.submit(() -> post(conversation, BIG_BODY)));
            }
            for (Future<?> posted : posts) {
                posted.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void post(String conversation, String body) {
        new JsonApi("http://localhost:" + port, null).posted(conversation, "alice", body);
    }

    private String baseUrl() {
        return instance.baseUrl();
    }

    private String streamUrl(String conversation) {
        return baseUrl() + "/v1/conversations/" + conversation + "/stream?after=0";
    }

    private double counter(String name, String tag, String value) {
        return instance.context().getBean(MeterRegistry.class).get(name).tag(tag, value).counter().count();
    }

    private double activeStreams() {
        return instance.context().getBean(MeterRegistry.class).get("chat.streams.active").gauge().value();
    }
}
