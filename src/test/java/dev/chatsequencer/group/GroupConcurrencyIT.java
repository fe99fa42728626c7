package dev.chatsequencer.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Membership changes and posts racing on one group (mode none: the actor is named in the request): the seqs stay
 * dense, every post was made by a participant at its seq, and the participants replayed from the timeline's entries
 * are exactly the group's participants in Redis and in the API.
 */
@RedisIntegrationTest
class GroupConcurrencyIT {

    static final int USERS = 20;

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void addsLeavesAndPostsRacingKeepSeqsDenseAndTheMemberListInAgreementWithTheTimeline() throws Exception {
        JsonApi api = new JsonApi("http://localhost:" + port, null);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "owner-" + run;
        double addedBefore = meters.counter("chat.groups.membership.changes", "change", "added").count();
        Response created = api.send("POST", "/v1/conversations", "{\"participants\":[\"first-" + run + "\"],"
                + "\"senderId\":\"" + owner + "\"}", null);
        String group = created.json().get("conversationId").asString();
        String base = "/v1/conversations/" + group;

        ExecutorService threads = Executors.newFixedThreadPool(USERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String user = "user-" + i + "-" + run;
            boolean leaves = i % 2 == 0;
            statuses.add(threads.submit(() -> {
                start.await();
                List<Integer> mine = new ArrayList<>();
                mine.add(api.send("POST", base + "/participants", "{\"userId\":\"" + user + "\",\"senderId\":\""
                        + owner + "\"}", null).status());
                mine.add(api.send("POST", base + "/messages", "{\"senderId\":\"" + owner + "\",\"body\":\"o\"}",
                        null).status());
                mine.add(api.send("POST", base + "/messages", "{\"senderId\":\"" + user + "\",\"body\":\"u\"}",
                        null).status());
                if (leaves) {
                    mine.add(api.send("DELETE", base + "/participants/" + user + "?senderId=" + user, null, null)
                            .status());
                }
                return mine;
            }));
        }
        start.countDown();
        List<Integer> answers = new ArrayList<>();
        for (Future<List<Integer>> status : statuses) {
            answers.addAll(status.get(60, TimeUnit.SECONDS));
        }
        threads.shutdown();

        assertThat(answers).allSatisfy(status -> assertThat(status).isIn(200, 201));
        long total = 1 + USERS * 3 + USERS / 2;
        List<JsonNode> timeline = timeline(api, base);
        assertThat(timeline).extracting(entry -> entry.get("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        Set<String> members = new HashSet<>();
        for (JsonNode entry : timeline) {
            switch (entry.get("type").asString()) {
                case "group-created" -> entry.get("participants").forEach(user -> members.add(user.asString()));
                case "participant-added" -> assertThat(members.add(entry.get("userId").asString())).isTrue();
                case "participant-removed" -> assertThat(members.remove(entry.get("userId").asString())).isTrue();
                default -> assertThat(members).as("seq %s", entry.get("seq")).contains(entry.get("senderId")
                        .asString());
            }
        }
        assertThat(members).hasSize(2 + USERS / 2);
        assertThat(redis.opsForSet().members("chat:{" + group + "}:participants"))
                .containsExactlyInAnyOrderElementsOf(members);
        List<String> listed = new ArrayList<>();
        api.send("GET", base, null, null).json().get("participants")
                .forEach(marker -> listed.add(marker.get("userId").asString()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(members);
        assertThat(meters.counter("chat.groups.membership.changes", "change", "added").count() - addedBefore)
                .isEqualTo(USERS);
    }

    private static List<JsonNode> timeline(JsonApi api, String base) {
        List<JsonNode> entries = new ArrayList<>();
        api.send("GET", base + "/messages?after=0&limit=200", null, null).json().get("messages")
                .forEach(entries::add);
        return entries;
    }
}
