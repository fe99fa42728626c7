package dev.chatsequencer.redis;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code chat.redis.embedded.enabled} is not false and no standard property points at a Redis: as soon
 * as one does, Spring Boot's own configuration is used as it is.
 */
class EmbeddedRedisCondition extends SpringBootCondition {

    private static final List<String> REDIS_LOCATIONS = List.of("spring.data.redis.host", "spring.data.redis.url",
            "spring.data.redis.cluster.nodes", "spring.data.redis.sentinel.nodes");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if (!environment.getProperty("chat.redis.embedded.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch("chat.redis.embedded.enabled is false");
        }
        for (String property : REDIS_LOCATIONS) {
            if (environment.containsProperty(property)) {
                return ConditionOutcome.noMatch(property + " is set");
            }
        }
        return ConditionOutcome.match("no Redis is configured");
    }
}
