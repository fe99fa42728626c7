package dev.chatsequencer.redis;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.StringUtils;

/**
 * The development Redis of {@code ./mvnw spring-boot:test-run}: an embedded redis-server, started when no Redis is
 * configured. Its connection details take the place of the {@code spring.data.redis.*} ones. It lives in the test
 * sources so that neither the production jar nor the image carries it.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(EmbeddedRedisCondition.class)
@EnableConfigurationProperties(EmbeddedRedisProperties.class)
public class EmbeddedRedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedRedisServer embeddedRedisServer(EmbeddedRedisProperties properties) {
        Path dataDir = StringUtils.hasText(properties.dataDir()) ? Path.of(properties.dataDir()) : null;
        EmbeddedRedisServer server = new EmbeddedRedisServer(properties.port(), dataDir);
        log.warn("No Redis configured: started an embedded redis-server on 127.0.0.1:{} ({}). This is for "
                + "development only; set spring.data.redis.host or spring.data.redis.url to use a real Redis.",
                server.port(), dataDir == null ? "nothing kept on disk"
                        : "append-only file in " + dataDir.toAbsolutePath());
        return server;
    }

    @Bean
    DataRedisConnectionDetails embeddedRedisConnectionDetails(EmbeddedRedisServer server) {
        return server.connectionDetails();
    }

    /** Tells the service it runs on a developer's machine: without other settings it then trusts every request. */
    @Bean
    DevelopmentRedis developmentRedis(EmbeddedRedisServer server) {
        return () -> "the embedded development redis-server on 127.0.0.1:" + server.port();
    }
}
