package dev.chatsequencer.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
 * Warns at start-up when the Redis server could silently lose acknowledged messages: an eviction policy that may drop
 * timelines or counters, or no persistence at all. It only warns: managed Redis services often hide CONFIG.
 */
@Component
class RedisSettingsCheck {

    private static final Logger log = LoggerFactory.getLogger(RedisSettingsCheck.class);

    private final StringRedisTemplate redis;

    RedisSettingsCheck(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        Properties config;
        try {
            config = redis.execute((RedisCallback<Properties>) connection -> {
                RedisServerCommands server = connection.serverCommands();
                Properties all = new Properties();
                for (String name : new String[] {"maxmemory-policy", "appendonly", "save"}) {
                    Properties one = server.getConfig(name);
                    if (one != null) {
                        all.putAll(one);
                    }
                }
                return all;
            });
        } catch (DataAccessException ex) {
            log.info("Could not read the Redis server's settings ({}); check them yourself: maxmemory-policy "
                    + "noeviction, appendonly yes", ex.getMessage());
            return;
        }
        warnings(config).forEach(log::warn);
    }

    static List<String> warnings(Properties config) {
        List<String> warnings = new ArrayList<>();
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
        return warnings;
    }
}
