package dev.chatsequencer.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One pub/sub connection per instance, shared by all conversations' subscriptions; the heartbeat schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StreamConfiguration {

    @Bean
    RedisMessageListenerContainer streamListenerContainer(RedisConnectionFactory connectionFactory) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        return container;
    }
}
