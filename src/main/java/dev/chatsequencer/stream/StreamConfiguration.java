package dev.chatsequencer.stream;

import dev.chatsequencer.storage.ConversationKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** One pub/sub connection per instance for the stream doorbells, with one pattern subscription for them all. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    RedisMessageListenerContainer streamListenerContainer(RedisConnectionFactory connectionFactory,
            StreamDoorbell doorbell, ConversationKeys keys) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        // Every post rings every instance, so a doorbell must cost next to nothing: the listener only looks up local
        // streams and hands work to the application executor, which is safe to run on the Redis I/O thread. The
        // container's default would start a new thread per message.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(doorbell, new PatternTopic(keys.allEvents()));
        return container;
    }
}
