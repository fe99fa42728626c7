package dev.chatsequencer.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The development redis-server: a fixed {@code port} (0 picks a free one) so that {@code redis-cli -p 6390} finds it,
 * and a {@code dataDir} for its append-only file (blank keeps nothing on disk).
 */
@ConfigurationProperties("chat.redis.embedded")
public record EmbeddedRedisProperties(@DefaultValue("true") boolean enabled, @DefaultValue("6390") int port,
        @DefaultValue("./data/redis") String dataDir) {
}
