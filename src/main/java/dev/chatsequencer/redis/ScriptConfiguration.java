package dev.chatsequencer.redis;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/** Loads each Lua script once; the template runs it by EVALSHA and falls back to EVAL when Redis lost its cache. */
@Configuration(proxyBeanMethods = false)
class ScriptConfiguration {

    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> postMessageScript() {
        return RedisScript.of(new ClassPathResource("scripts/post_message.lua"), List.class);
    }

    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> readPageScript() {
        return RedisScript.of(new ClassPathResource("scripts/read_page.lua"), List.class);
    }

    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> markReadScript() {
        return RedisScript.of(new ClassPathResource("scripts/mark_read.lua"), List.class);
    }

    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> conversationStateScript() {
        return RedisScript.of(new ClassPathResource("scripts/conversation_state.lua"), List.class);
    }
}
