package dev.chatsequencer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.TestInstances;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on real replicated Redis while a master fails: Sentinel (master killed, master frozen) and Cluster
 * (master frozen), with {@code chat.durability.replicas=1} and Redis {@code min-replicas-to-write 1}. Clients post
 * with a clientMessageId and retry on any error, as the API tells them to, while a stream follows one conversation.
 * After the failover: no acknowledged post is lost or renumbered, no seq is acknowledged to two messages, no stream
 * event disagrees with the final timeline, and the outage lasts no longer than the failover plus 3 s (Sentinel).
 * On a Cluster the shards that did not fail must not notice; the failed shard, whose promoted replica has no
 * replica of its own until the old master returns, refuses posts (503) until then and then recovers.
 */
@Tag("topology")
class ReplicatedRedisIT {

    private static final Logger log = LoggerFactory.getLogger(ReplicatedRedisIT.class);
    private static final int CLIENTS = 4;
    private static final List<String> CONVERSATIONS = List.of("ha-a", "ha-b", "ha-c", "ha-d");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void binariesPresent() {
        assumeTrue(RedisTopology.available(), "redis-server or redis-cli is not installed (apt-get install "
                + "redis-server): replicated Redis fault tests skipped");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("sentinel", "kill", Duration.ZERO, Duration.ofSeconds(3)),
                Arguments.of("sentinel", "freeze", Duration.ofSeconds(20), Duration.ofSeconds(3)),
                Arguments.of("cluster", "freeze", Duration.ofSeconds(30), Duration.ofSeconds(12)),
                // Redis waits 5 s before it migrates a spare replica to an orphaned master, then resyncs it
                Arguments.of("cluster+spare", "freeze", Duration.ofSeconds(30), Duration.ofSeconds(12)));
    }

    /**
     * Each fault with the outage it may cause beyond the failover itself (for the 3+3 Cluster, beyond the fault: its
     * failed shard cannot confirm writes until the old master is back).
     */
    @ParameterizedTest(name = "{0}: master {1} {2}")
    @MethodSource("faults")
    void noAcknowledgedPostIsLostOrRenumberedWhenAMasterFails(String kind, String fault, Duration length,
            Duration allowedOutage) throws Exception {
        try (RedisTopology topology = kind.equals("sentinel") ? RedisTopology.sentinel()
                : RedisTopology.cluster(kind.equals("cluster+spare") ? 1 : 0);
                ConfigurableApplicationContext service = TestInstances.startOn(topology.springProperties(),
                        "chat.durability.replicas=1", "chat.stream.heartbeat-interval=1s")) {
            String base = TestInstances.baseUrl(service);
            Load load = new Load(base);
            StreamWatch stream = new StreamWatch(base, CONVERSATIONS.get(0));
            load.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.acks.size() > 200);
            // readiness must not flap while the topology is healthy and busy
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ready(base));

            RedisTopology.Node master = kind.equals("sentinel") ? topology.master()
                    : topology.masterOf("chat:{" + CONVERSATIONS.get(0) + "}:seq");
            List<String> failed = CONVERSATIONS.stream().filter(conversation -> kind.equals("sentinel")
                    || topology.masterOf("chat:{" + conversation + "}:seq") == master).toList();
            log.info("{} of {} ({}), serving {}", fault, master, RedisTopology.role(master), failed);
            long faultAt = System.nanoTime();
            if (fault.equals("kill")) {
                topology.kill(master);
            } else {
                topology.freeze(master);
            }
            String key = "chat:{" + CONVERSATIONS.get(0) + "}:seq";
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    return (kind.equals("sentinel") ? topology.master() : topology.masterOf(key)) != master;
                } catch (RuntimeException noMasterYet) {
                    return false;
                }
            });
            long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - faultAt);
            int ackedBefore = load.acks.size();
            await().atMost(length.plus(Duration.ofSeconds(30))).until(() -> load.acks.size() > ackedBefore + 100
                    && System.nanoTime() - faultAt > length.toNanos());
            if (fault.equals("kill")) {
                topology.restart(master);
            } else {
                topology.thaw(master);
            }
            long recoveredAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> CONVERSATIONS.stream().allMatch(conversation ->
                    load.acks.stream().filter(ack -> ack.conversation().equals(conversation))
                            .filter(ack -> ack.at() > recoveredAt).count() > 20));
            load.stop();
            stream.stop();

            Map<String, Map<Long, JsonNode>> timelines = new HashMap<>();
            for (String conversation : CONVERSATIONS) {
                timelines.put(conversation, timeline(base, conversation));
            }
            Map<String, Long> outages = new TreeMap<>();
            for (String conversation : CONVERSATIONS) {
                outages.put(conversation, load.longestGapAfter(faultAt, conversation).toMillis());
            }
            log.info("{} master {} for {}: failover {} ms, {} acknowledged, longest outage per conversation (ms) {}, "
                    + "{} stream events", kind, fault, length, failoverMillis, load.acks.size(), outages,
                    stream.events.size());

            Map<String, String> seqOwners = new HashMap<>();
            List<String> lost = new ArrayList<>();
            List<String> doubled = new ArrayList<>();
            for (Ack ack : load.acks) {
                JsonNode stored = timelines.get(ack.conversation()).get(ack.seq());
                if (stored == null || !ack.clientMessageId().equals(stored.get("clientMessageId").asString())) {
                    lost.add(ack.toString());
                }
                String owner = seqOwners.putIfAbsent(ack.conversation() + "#" + ack.seq(), ack.clientMessageId());
                if (owner != null && !owner.equals(ack.clientMessageId())) {
                    doubled.add(ack.conversation() + "#" + ack.seq());
                }
            }
            List<String> wrongEvents = new ArrayList<>();
            stream.events.forEach((seq, data) -> {
                JsonNode stored = timelines.get(CONVERSATIONS.get(0)).get(seq);
                if (stored == null || !stored.toString().equals(data.toString())) {
                    wrongEvents.add(seq + ": " + data);
                }
            });
            assertThat(lost).as("acknowledged, then lost or renumbered").isEmpty();
            assertThat(doubled).as("seqs acknowledged to two messages").isEmpty();
            assertThat(wrongEvents).as("stream events the final timeline holds differently").isEmpty();
            assertThat(stream.events).as("the stream delivered").isNotEmpty();
            // On a Cluster of 3 masters and 3 replicas the promoted replica of the failed shard has no replica of its
            // own until the old master returns, so no post to that shard can be confirmed (min-replicas-to-write 1
            // refuses it): its outage is the fault's; every other shard must not notice.
            for (String conversation : CONVERSATIONS) {
                long allowed = !failed.contains(conversation) ? 3000 : kind.equals("cluster")
                        ? length.plus(allowedOutage).toMillis() : failoverMillis + allowedOutage.toMillis();
                assertThat(outages.get(conversation)).as("outage of " + conversation + " (ms), failover "
                        + failoverMillis + " ms").isLessThan(allowed);
            }
        }
    }

    private boolean ready(String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /**
     * A post is acknowledged only once a replica holds it: with every replica frozen the post is answered 503 (its
     * outcome unknown) within the durability timeout, not 201; once the replicas are back, the same retry gets the
     * seq the first attempt was stored at.
     */
    @Test
    void aPostNoReplicaConfirmsIsNotAcknowledgedAndItsRetryIsSafe() throws Exception {
        try (RedisTopology topology = RedisTopology.sentinel();
                ConfigurableApplicationContext service = TestInstances.startOn(topology.springProperties(),
                        "chat.durability.replicas=1")) {
            String url = TestInstances.baseUrl(service) + "/v1/conversations/unconfirmed/messages";
            HttpRequest post = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"senderId\":\"alice\",\"body\":\"hi\",\"clientMessageId\":\"u-1\"}")).build();
            List<RedisTopology.Node> replicas = topology.nodes().stream().filter(node -> node != topology.master())
                    .toList();
            replicas.forEach(topology::freeze);

            HttpResponse<String> unconfirmed = http.send(post, HttpResponse.BodyHandlers.ofString());

            assertThat(unconfirmed.statusCode()).as(unconfirmed.body()).isEqualTo(503);
            assertThat(unconfirmed.body()).contains("outcome of a write is unknown");
            replicas.forEach(topology::thaw);
            HttpResponse<String> retried = await().atMost(Duration.ofSeconds(20)).until(
                    () -> http.send(post, HttpResponse.BodyHandlers.ofString()),
                    response -> response.statusCode() == 200);
            assertThat(JsonMapper.shared().readTree(retried.body()).get("seq").asLong()).isEqualTo(1);
        }
    }

    /** Every message of a conversation, by seq, read through the service page by page. */
    private Map<Long, JsonNode> timeline(String base, String conversation) throws Exception {
        Map<Long, JsonNode> messages = new HashMap<>();
        long after = 0;
        while (true) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/conversations/"
                    + conversation + "/messages?limit=200&after=" + after)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode json = JsonMapper.shared().readTree(page.body());
            for (JsonNode message : json.get("messages")) {
                after = message.get("seq").asLong();
                messages.put(after, message);
            }
            if (!json.get("hasMore").asBoolean()) {
                return messages;
            }
        }
    }

    record Ack(String conversation, String clientMessageId, long seq, long at) {
    }

    /** Clients that post and retry each message with the same clientMessageId until it is acknowledged. */
    final class Load {

        final String base;
        final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        volatile long stoppedAt;

        Load(String base) {
            this.base = base;
        }

        void start() {
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                pool.execute(() -> {
                    for (int n = 0; running.get(); n++) {
                        String conversation = CONVERSATIONS.get(id);
                        String clientMessageId = "c" + id + "-" + n;
                        while (running.get() && !post(conversation, clientMessageId)) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                        }
                    }
                });
            }
        }

        private boolean post(String conversation, String clientMessageId) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base
                                + "/v1/conversations/" + conversation + "/messages")).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"senderId\":\"load\",\"body\":\"" + clientMessageId
                                + "\",\"clientMessageId\":\"" + clientMessageId + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    long seq = JsonMapper.shared().readTree(response.body()).get("seq").asLong();
                    acks.add(new Ack(conversation, clientMessageId, seq, System.nanoTime()));
                    return true;
                }
                return false;
            } catch (IOException ex) {
                return false;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void stop() throws InterruptedException {
            stoppedAt = System.nanoTime();
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        }

        /** The longest stretch after {@code from} in which no post to {@code conversation} was acknowledged. */
        Duration longestGapAfter(long from, String conversation) {
            List<Long> times = new ArrayList<>(acks.stream().filter(ack -> ack.conversation().equals(conversation))
                    .map(Ack::at).filter(at -> at >= from).sorted().toList());
            times.add(stoppedAt);
            long previous = from;
            long longest = 0;
            for (long at : times) {
                longest = Math.max(longest, at - previous);
                previous = at;
            }
            return Duration.ofNanos(longest);
        }
    }

    /** A live stream of one conversation from its start, reconnecting with Last-Event-ID as a browser would. */
    final class StreamWatch {

        final Map<Long, JsonNode> events = new ConcurrentHashMap<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread reader;

        StreamWatch(String base, String conversation) {
            reader = new Thread(() -> {
                while (running.get()) {
                    long last = events.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
                    try {
                        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(base
                                + "/v1/conversations/" + conversation + "/stream?after=" + last)).build(),
                                HttpResponse.BodyHandlers.ofLines());
                        try (Stream<String> lines = response.body()) {
                            lines.takeWhile(line -> running.get()).filter(line -> line.startsWith("data: "))
                                    .forEach(line -> {
                                        JsonNode message = JsonMapper.shared().readTree(line.substring(6));
                                        events.put(message.get("seq").asLong(), message);
                                    });
                        }
                    } catch (IOException | RuntimeException ex) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void stop() {
            running.set(false);
            reader.interrupt();
        }
    }
}
