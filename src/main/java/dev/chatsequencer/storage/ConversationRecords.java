package dev.chatsequencer.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** The few records of a conversation that are single commands rather than scripts. */
@Component
public class ConversationRecords {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;

    ConversationRecords(StringRedisTemplate redis, ConversationKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Records a direct conversation's participants, and its opening as its first activity (what orders it in inboxes
     * before it has a message); true when the participants were recorded now.
     */
    public boolean recordParticipants(String conversationId, List<String> participants, Instant openedAt) {
        Long added = redis.opsForSet().add(keys.participants(conversationId), participants.toArray(String[]::new));
        redis.opsForValue().setIfAbsent(keys.activity(conversationId), Long.toString(openedAt.toEpochMilli()));
        return added != null && added > 0;
    }

    /**
     * The group id a creation request stands for: {@code candidate} when this call recorded it first, the id an
     * earlier attempt recorded, or {@code null} when that record expired in between (try again). SET NX decides
     * between concurrent attempts: exactly one id wins.
     */
    public String claimGroupRequest(String owner, String clientRequestId, String candidate, Duration ttl) {
        String key = keys.groupRequest(owner, clientRequestId);
        if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, candidate, ttl))) {
            return candidate;
        }
        return redis.opsForValue().get(key);
    }
}
