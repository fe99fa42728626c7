package dev.chatsequencer.redis;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lettuce settings that make a Redis outage fail fast instead of queueing requests until they time out. */
@Configuration(proxyBeanMethods = false)
class LettuceConfiguration {

    /**
     * While the connection is down, commands are rejected at once (the caller answers 503) rather than buffered:
     * buffered posts would pile up behind an outage and all land late, after their clients gave up on them.
     * Lettuce keeps reconnecting in the background, so service resumes by itself.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
