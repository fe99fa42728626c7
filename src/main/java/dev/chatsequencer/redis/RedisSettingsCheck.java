package dev.chatsequencer.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisServerCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up, for every master, when Redis could silently lose acknowledged messages: an eviction policy that
 * may drop timelines or counters, no persistence, or a replicated master without {@code min-replicas-to-write} (cut
 * off from its replicas it keeps taking writes that the failover then discards). It only warns: managed Redis
 * services often hide CONFIG.
 */
@Component
class RedisSettingsCheck {

    private static final Logger log = LoggerFactory.getLogger(RedisSettingsCheck.class);
    private static final String[] SETTINGS = {"maxmemory-policy", "appendonly", "save", "min-replicas-to-write"};

    private final StringRedisTemplate redis;
    private final int durabilityReplicas;

    RedisSettingsCheck(StringRedisTemplate redis, DurabilityProperties durabilityProperties) {
        this.redis = redis;
        this.durabilityReplicas = durabilityProperties.replicas();
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        Properties reported;
        try {
            reported = redis.execute((RedisCallback<Properties>) connection -> {
                RedisServerCommands server = connection.serverCommands();
                Properties all = new Properties();
                for (String name : SETTINGS) {
                    Properties one = server.getConfig(name);
                    if (one != null) {
                        all.putAll(one);
                    }
                }
                Properties replication = server.info("replication");
                if (replication != null) {
                    all.putAll(replication);
                }
                return all;
            });
        } catch (DataAccessException ex) {
            log.info("Could not read the Redis server's settings ({}); check them yourself: maxmemory-policy "
                    + "noeviction, appendonly yes, and min-replicas-to-write 1 on replicated masters", ex.getMessage());
            return;
        }
        Map<String, List<String>> nodesByWarning = new TreeMap<>();
        perNode(reported).forEach((node, config) -> warnings(config, durabilityReplicas).forEach(warning ->
                nodesByWarning.computeIfAbsent(warning, w -> new ArrayList<>()).add(node.isEmpty() ? "Redis" : node)));
        nodesByWarning.forEach((warning, nodes) -> log.warn("{}: {}", String.join(", ", nodes), warning));
    }

    /**
     * One Redis answers CONFIG GET and INFO with plain names; a Cluster connection asks every master and answers
     * {@code host:port.name}. Either way, the settings of each node apart.
     */
    static Map<String, Properties> perNode(Properties reported) {
        Map<String, Properties> nodes = new TreeMap<>();
        for (String key : reported.stringPropertyNames()) {
            int split = key.lastIndexOf('.');
            boolean prefixed = split > 0 && key.substring(0, split).matches(".+:\\d+");
            String node = prefixed ? key.substring(0, split) : "";
            nodes.computeIfAbsent(node, n -> new Properties())
                    .setProperty(prefixed ? key.substring(split + 1) : key, reported.getProperty(key));
        }
        return nodes;
    }

    /** What could lose acknowledged messages on one node; a replica (role slave) is judged by its master. */
    static List<String> warnings(Properties config, int durabilityReplicas) {
        List<String> warnings = new ArrayList<>();
        if ("slave".equals(config.getProperty("role"))) {
            return warnings;
        }
        String policy = config.getProperty("maxmemory-policy", "");
        if (policy.startsWith("allkeys-")) {
            warnings.add("Redis maxmemory-policy is " + policy + ": under memory pressure Redis will evict "
                    + "timelines and counters, losing acknowledged messages. Set maxmemory-policy noeviction.");
        }
        boolean aof = "yes".equalsIgnoreCase(config.getProperty("appendonly", ""));
        boolean rdb = !config.getProperty("save", "").isBlank();
        if (!aof && !rdb) {
            warnings.add("Redis keeps nothing on disk (appendonly no, no save points): a Redis restart loses "
                    + "every message. Set appendonly yes.");
        } else if (!aof) {
            warnings.add("Redis persists only by RDB snapshots: a crash loses the messages acknowledged since the "
                    + "last snapshot. Set appendonly yes.");
        }
        int replicas = Integer.parseInt(config.getProperty("connected_slaves", "0").trim());
        if (replicas > 0 && "0".equals(config.getProperty("min-replicas-to-write", "0").trim())) {
            warnings.add("Redis is replicated but min-replicas-to-write is 0: a master cut off from its replicas "
                    + "keeps taking writes that a failover then discards. Set min-replicas-to-write 1.");
        }
        if (replicas > 0 && durabilityReplicas == 0) {
            warnings.add("Redis is replicated but chat.durability.replicas is 0: a post is acknowledged before any "
                    + "replica holds it, so a failover can take an acknowledged seq back. Set "
                    + "chat.durability.replicas=1.");
        }
        return warnings;
    }
}
