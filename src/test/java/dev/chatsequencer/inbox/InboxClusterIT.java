package dev.chatsequencer.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.redis.RedisTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Groups and inboxes on a real Redis Cluster (3 masters, 3 replicas, writes confirmed by a replica): each user's
 * index lives in the user's slot, mostly on other nodes than the group, and the inbox reads them all in one
 * pipelined round per step; the group's participants stay the truth the index is corrected by.
 */
@Tag("topology")
class InboxClusterIT {

    @Test
    void inboxesOnOtherNodesThanTheGroupListItFollowItAndDropItWhenTheUserLeaves() throws Exception {
        assumeTrue(RedisTopology.available(), "redis-server or redis-cli is not installed (apt-get install "
                + "redis-server): Cluster inbox test skipped");
        try (RedisTopology topology = RedisTopology.cluster();
                ConfigurableApplicationContext service = TestInstances.startOn(topology.springProperties(),
                        "chat.durability.replicas=1")) {
            JsonApi api = new JsonApi(TestInstances.baseUrl(service), null);
            List<String> users = IntStream.range(0, 12).mapToObj(i -> "user-" + i).toList();
            String owner = users.get(0);
            String others = String.join("\",\"", users.subList(1, users.size()));
            String create = "{\"participants\":[\"" + others + "\"],\"title\":\"spread\",\"clientRequestId\":"
                    + "\"spread-1\",\"senderId\":\"" + owner + "\"}";
            // a new Cluster takes writes (min-replicas-to-write 1) once every master has its replica online
            await().atMost(Duration.ofSeconds(30)).until(() -> topology.nodes().stream()
                    .filter(node -> RedisTopology.role(node).equals("master"))
                    .allMatch(node -> RedisTopology.cli(node.port(), "INFO", "replication").contains("state=online")));
            Response created = api.send("POST", "/v1/conversations", create, null);
            assertThat(created.status()).isEqualTo(201);
            String group = created.json().get("conversationId").asString();
            RedisTopology.Node groupNode = topology.masterOf("chat:{" + group + "}:seq");
            assertThat(users).anySatisfy(user -> assertThat(topology.masterOf("chat:{u:" + user + "}:conversations"))
                    .isNotSameAs(groupNode));
            String other = api.send("POST", "/v1/conversations", "{\"participants\":[\"outsider\"],"
                    + "\"senderId\":\"stranger\"}", null).json().get("conversationId").asString();

            assertThat(api.send("POST", "/v1/conversations/" + group + "/messages", "{\"senderId\":\"" + owner
                    + "\",\"body\":\"hello all\"}", null).status()).isEqualTo(201);
            assertThat(api.send("DELETE", "/v1/conversations/" + group + "/participants/user-1?senderId=user-1",
                    null, null).status()).isEqualTo(200);
            RedisTopology.cli(topology.masterOf("chat:{u:user-2}:conversations").port(), "ZADD",
                    "chat:{u:user-2}:conversations", "1000", other);

            for (String user : users) {
                JsonNode conversations = api.send("GET", "/v1/users/" + user + "/conversations", null, null).json()
                        .get("conversations");
                if (user.equals("user-1")) {
                    assertThat(conversations).isEmpty();
                    continue;
                }
                assertThat(ids(conversations)).as(user).containsExactly(group);
                assertThat(conversations.get(0).get("title").asString()).isEqualTo("spread");
                assertThat(conversations.get(0).get("lastSeq").asLong()).isEqualTo(3);
                assertThat(conversations.get(0).get("lastEntry").get("type").asString())
                        .isEqualTo("participant-removed");
            }
            assertThat(RedisTopology.cli(topology.masterOf("chat:{u:user-2}:conversations").port(), "ZSCORE",
                    "chat:{u:user-2}:conversations", other)).isBlank();
            assertThat(RedisTopology.cli(topology.masterOf("chat:{u:user-1}:conversations").port(), "ZCARD",
                    "chat:{u:user-1}:conversations").trim()).isEqualTo("0");
        }
    }

    private static List<String> ids(JsonNode conversations) {
        List<String> ids = new ArrayList<>();
        conversations.forEach(conversation -> ids.add(conversation.get("conversationId").asString()));
        return ids;
    }
}
