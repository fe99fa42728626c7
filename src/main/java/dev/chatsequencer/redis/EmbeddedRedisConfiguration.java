package dev.chatsequencer.redis;

import dev.chatsequencer.ChatProperties;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded redis-server when no Redis is configured, so {@code ./mvnw spring-boot:run} works on a machine
 * with only a JDK. Its connection details take the place of the {@code spring.data.redis.*} ones.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedRedisCondition.class)
class EmbeddedRedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedRedisServer embeddedRedisServer(ChatProperties properties) {
        ChatProperties.Embedded embedded = properties.redis().embedded();
        Path dataDir = StringUtils.hasText(embedded.dataDir()) ? Path.of(embedded.dataDir()) : null;
        EmbeddedRedisServer server = new EmbeddedRedisServer(embedded.port(), dataDir);
        log.warn("No Redis configured: started an embedded redis-server 6.2 on 127.0.0.1:{} ({}). This is for "
                + "development only; set spring.data.redis.host or spring.data.redis.url to use a real Redis.",
                server.port(), dataDir == null ? "nothing kept on disk"
                        : "append-only file in " + dataDir.toAbsolutePath());
        return server;
    }

    @Bean
    DataRedisConnectionDetails embeddedRedisConnectionDetails(EmbeddedRedisServer server) {
        return server.connectionDetails();
    }
}
