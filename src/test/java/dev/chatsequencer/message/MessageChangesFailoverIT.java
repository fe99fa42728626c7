package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisContents;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.redis.RedisTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Edits and deletions while a Sentinel master is killed (writes confirmed by a replica): clients retry every change
 * until it is acknowledged, as the API tells them to. Afterwards the seqs are dense, every acknowledged post, edit
 * and deletion is at the seq it was acknowledged with, each message reads as its last acknowledged change left it,
 * and no text of a deleted message, nor of its edits, is anywhere in the promoted master.
 */
@Tag("topology")
class MessageChangesFailoverIT {

    private static final int CLIENTS = 3;

    record Ack(String type, long seq, long targetSeq, String clientMessageId, String body) {
    }

    @Test
    void acknowledgedChangesSurviveASentinelFailoverAndErasedTextStaysErased() throws Exception {
        assumeTrue(RedisTopology.available(), "redis-server or redis-cli is not installed (apt-get install "
                + "redis-server): failover test of edits and deletions skipped");
        try (RedisTopology topology = RedisTopology.sentinel();
                ConfigurableApplicationContext service = TestInstances.startOn(topology.springProperties(),
                        "chat.durability.replicas=1")) {
            JsonApi api = new JsonApi(TestInstances.baseUrl(service), null);
            // a new topology takes writes (min-replicas-to-write 1) once its replicas are online; the retry is safe
            String group = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> api.send("POST",
                    "/v1/conversations", "{\"senderId\":\"alice\",\"participants\":[\"bob\",\"carol\"],"
                            + "\"clientRequestId\":\"failover-1\"}", null),
                    created -> created.status() == 201 || created.status() == 200).json().get("conversationId")
                    .asString();
            ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int client = 0; client < CLIENTS; client++) {
                String sender = List.of("alice", "bob", "carol").get(client);
                clients.execute(() -> changeUntilStopped(api, group, sender, running, acks));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acks.size() > 60);

            RedisTopology.Node master = topology.master();
            topology.kill(master);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    return topology.master() != master;
                } catch (RuntimeException noMasterYet) {
                    return false;
                }
            });
            int ackedAtFailover = acks.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() > ackedAtFailover + 60);
            topology.restart(master);
            int ackedAtRestart = acks.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() > ackedAtRestart + 30);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            Map<Long, JsonNode> timeline = timeline(api, group);
            assertThat(timeline.keySet()).as("dense seqs").containsExactlyElementsOf(
                    LongStream.rangeClosed(1, timeline.size()).boxed().toList());
            Map<Long, String> expectedBodies = new TreeMap<>();
            List<String> erased = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Ack ack : acks) {
                JsonNode entry = timeline.get(ack.seq());
                if (entry == null || !entry.get("type").asString().equals(ack.type())) {
                    wrong.add(ack + " reads " + entry);
                    continue;
                }
                switch (ack.type()) {
                    case "message" -> {
                        if (!ack.clientMessageId().equals(entry.get("clientMessageId").asString())) {
                            wrong.add(ack + " reads " + entry);
                        }
                        expectedBodies.putIfAbsent(ack.seq(), ack.body());
                    }
                    case "message-edited" -> expectedBodies.put(ack.targetSeq(), ack.body());
                    default -> {
                        expectedBodies.put(ack.targetSeq(), null);
                        erased.add(ack.body());
                    }
                }
                if (ack.targetSeq() > 0 && entry.get("targetSeq").asLong() != ack.targetSeq()) {
                    wrong.add(ack + " reads " + entry);
                }
            }
            expectedBodies.forEach((seq, body) -> {
                JsonNode message = timeline.get(seq);
                boolean reads = body == null ? message.has("deleted") && !message.has("body")
                        : !message.has("deleted") && message.get("body").asString().equals(body);
                if (!reads) {
                    wrong.add("seq " + seq + " should read " + body + " but reads " + message);
                }
            });
            assertThat(wrong).as("acknowledged changes lost, renumbered or read otherwise").isEmpty();
            assertThat(erased).as("deletions acknowledged").isNotEmpty();
            List<String> stored = RedisContents.everyValue(service.getBean(StringRedisTemplate.class), group);
            assertThat(stored).isNotEmpty().noneMatch(value -> erased.stream().anyMatch(value::contains));
        }
    }

    /**
     * One client's changes: posts a message; edits every second one it posted, then deletes every third: every
     * change retried (same clientMessageId, same edit, same deletion) until answered 200 or 201.
     */
    private static void changeUntilStopped(JsonApi api, String group, String sender, AtomicBoolean running,
            ConcurrentLinkedQueue<Ack> acks) {
        for (int n = 0; running.get(); n++) {
            String clientMessageId = sender + "-" + n;
            String text = "text of <" + clientMessageId + ">";
            Response posted = acknowledged(running, () -> api.post(group, sender, text, clientMessageId));
            if (posted == null) {
                return;
            }
            long seq = posted.json().get("seq").asLong();
            acks.add(new Ack("message", seq, 0, clientMessageId, text));
            if (n % 2 == 0) {
                String edited = text + ", edited";
                Response edit = acknowledged(running, () -> api.edit(group, sender, seq, edited));
                if (edit == null) {
                    return;
                }
                acks.add(new Ack("message-edited", edit.json().get("seq").asLong(), seq, null, edited));
            }
            if (n % 3 == 0) {
                Response deletion = acknowledged(running, () -> api.delete(group, sender, seq));
                if (deletion == null) {
                    return;
                }
                // the erased texts: the original, which every edit text contains
                acks.add(new Ack("message-deleted", deletion.json().get("seq").asLong(), seq, null, text));
            }
        }
    }

    /** The first 200 or 201 answer of {@code change}, retried on anything else; {@code null} once stopped. */
    private static Response acknowledged(AtomicBoolean running, Supplier<Response> change) {
        while (running.get()) {
            try {
                Response response = change.get();
                if (response.status() == 200 || response.status() == 201) {
                    return response;
                }
            } catch (IllegalStateException connectionFailed) {
                // the instance is up throughout; a refused or reset connection is retried like a 503
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return null;
    }

    private static Map<Long, JsonNode> timeline(JsonApi api, String group) {
        Map<Long, JsonNode> entries = new TreeMap<>();
        long after = 0;
        while (true) {
            JsonNode page = api.page(group, "after=" + after + "&limit=100", "alice").json();
            for (JsonNode entry : page.get("messages")) {
                after = entry.get("seq").asLong();
                entries.put(after, entry);
            }
            if (!page.get("hasMore").asBoolean()) {
                return entries;
            }
        }
    }
}
