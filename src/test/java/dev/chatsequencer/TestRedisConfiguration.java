package dev.chatsequencer;

import dev.chatsequencer.redis.EmbeddedRedisServer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Redis for integration tests: a Redis 7.4 container where Docker runs, otherwise the embedded redis-server
 * on a free port with nothing kept on disk. Never a mock.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRedisConfiguration {

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailability.Present.class)
    GenericContainer<?> redisContainer() {
        return new GenericContainer<>(DockerImageName.parse("redis:7.4-alpine")).withExposedPorts(6379);
    }

    @Bean(destroyMethod = "close")
    @Conditional(DockerAvailability.Absent.class)
    EmbeddedRedisServer testRedisServer() {
        return new EmbeddedRedisServer(0, null);
    }

    @Bean
    @Conditional(DockerAvailability.Absent.class)
    DataRedisConnectionDetails testRedisConnectionDetails(EmbeddedRedisServer testRedisServer) {
        return testRedisServer.connectionDetails();
    }
}
