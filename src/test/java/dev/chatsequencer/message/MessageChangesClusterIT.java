package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.redis.RedisTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Edits and deletions on a real Redis Cluster (3 masters, 3 replicas, writes confirmed by a replica): every key a
 * change touches shares the conversation's slot, the seqs stay dense, and a deleted text is gone from the master and
 * from every replica, not only from what a page shows.
 */
@Tag("topology")
class MessageChangesClusterIT {

    @Test
    void changesKeepTheSeqsDenseAndADeletionErasesTheTextOnEveryNode() {
        assumeTrue(RedisTopology.available(), "redis-server or redis-cli is not installed (apt-get install "
                + "redis-server): Cluster test of edits and deletions skipped");
        try (RedisTopology topology = RedisTopology.cluster();
                ConfigurableApplicationContext service = TestInstances.startOn(topology.springProperties(),
                        "chat.durability.replicas=1")) {
            // a new Cluster takes writes (min-replicas-to-write 1) once every master has its replica online
            await().atMost(Duration.ofSeconds(30)).until(() -> topology.nodes().stream()
                    .filter(node -> RedisTopology.role(node).equals("master"))
                    .allMatch(node -> RedisTopology.cli(node.port(), "INFO", "replication").contains("state=online")));
            JsonApi api = new JsonApi(TestInstances.baseUrl(service), null);
            String group = api.createGroup("alice", "bob");

            api.posted(group, "bob", "the cluster secret");
            assertThat(api.edit(group, "bob", 2, "the cluster secret, edited").status()).isEqualTo(201);
            assertThat(api.delete(group, "alice", 2).status()).isEqualTo(201);
            api.posted(group, "bob", "after");

            JsonNode page = api.page(group, "after=0", "alice").json();
            List<Long> seqs = new ArrayList<>();
            page.get("messages").forEach(entry -> seqs.add(entry.get("seq").asLong()));
            assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(page.get("messages").get(1).get("deleted").asBoolean()).isTrue();
            assertThat(api.send("GET", "/v1/conversations/" + group + "/read-markers/alice", null, null).json()
                    .get("unreadCount").asLong()).isEqualTo(1);
            String timeline = "chat:{" + group + "}:messages";
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<String> copies = topology.nodes().stream()
                        .map(node -> RedisTopology.readOnly(node.port(), "ZRANGE " + timeline + " 0 -1"))
                        .filter(stored -> stored.contains("\"deleted\":true")).toList();
                // the master and its replica hold the timeline; the other nodes answer MOVED
                assertThat(copies).hasSize(2).allSatisfy(stored -> assertThat(stored).doesNotContain("secret"));
            });
        }
    }
}
