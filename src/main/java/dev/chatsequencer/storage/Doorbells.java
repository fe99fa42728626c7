package dev.chatsequencer.storage;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The conversations' doorbells: the pub/sub channel on which a new entry is announced to every instance's streams.
 * A doorbell is a hint, at most once; the timeline is the truth a stream reads gaps from.
 */
@Component
public class Doorbells {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;

    Doorbells(StringRedisTemplate redis, ConversationKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The channel a script publishes a conversation's new entries on. */
    public String channel(String conversationId) {
        return keys.events(conversationId);
    }

    /** Announces {@code member}, an entry the conversation stored, to the streams of every instance. */
    public void ring(String conversationId, String member) {
        redis.convertAndSend(keys.events(conversationId), member);
    }
}
