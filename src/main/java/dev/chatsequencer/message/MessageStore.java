package dev.chatsequencer.message;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.conversation.NotAParticipantException;
import dev.chatsequencer.redis.ConversationKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The timelines in Redis. Every write goes through post_message.lua, so a seq is assigned, stored and recorded for
 * retries in one atomic step.
 */
@Component
public class MessageStore {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> postMessageScript;
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> readPageScript;
    private final MessageCodec codec;
    private final ChatProperties.Idempotency idempotency;
    private final Clock clock;
    private final MessageMetrics metrics;

    @SuppressWarnings("rawtypes")
    MessageStore(StringRedisTemplate redis, ConversationKeys keys, RedisScript<List> postMessageScript,
            RedisScript<List> readPageScript, MessageCodec codec, ChatProperties properties, Clock clock,
            MessageMetrics metrics) {
        this.redis = redis;
        this.keys = keys;
        this.postMessageScript = postMessageScript;
        this.readPageScript = readPageScript;
        this.codec = codec;
        this.idempotency = properties.idempotency();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Appends a message, or returns the one an identical earlier post stored. A post without a clientMessageId still
     * carries a fresh token, so a command that Lettuce re-sends after a reconnect cannot store the message twice.
     *
     * @throws IdempotencyConflictException when the clientMessageId was used for a different body
     * @throws NotAParticipantException when the conversation has participants and the sender is not one
     */
    PostResult append(String conversationId, PostMessageRequest request) {
        String idempotencyKey;
        Duration ttl;
        if (request.clientMessageId() != null) {
            idempotencyKey = keys.clientIdempotency(conversationId, request.senderId(), request.clientMessageId());
            ttl = idempotency.ttl();
        } else {
            idempotencyKey = keys.serverIdempotency(conversationId, serverToken());
            ttl = idempotency.serverTokenTtl();
        }
        Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String tail = codec.tailAfterSeq(request.senderId(), request.body(), request.clientMessageId(), sentAt);
        List<String> scriptKeys = keys.postKeys(conversationId, idempotencyKey);
        String ttlMillis = Long.toString(ttl.toMillis());
        String channel = keys.events(conversationId);
        List<?> result = metrics.timeAssign(() -> redis.execute(postMessageScript, scriptKeys, tail, ttlMillis,
                request.senderId(), channel));
        long outcome = (Long) result.get(0);
        if (outcome < 0) {
            throw new NotAParticipantException(conversationId, request.senderId());
        }
        long seq = (Long) result.get(1);
        if (outcome == 1L) {
            // Stored now: the message is what was sent plus its seq, no need to parse it back.
            metrics.posted(true);
            return new PostResult(new Message(conversationId, seq, request.senderId(), request.body(),
                    request.clientMessageId(), sentAt), true);
        }
        Message original = codec.decode(conversationId, (String) result.get(2));
        if (!original.body().equals(request.body())) {
            throw new IdempotencyConflictException(request.clientMessageId(), seq);
        }
        metrics.posted(false);
        return new PostResult(original, false);
    }

    /** Reads a page: after {@code after} oldest first, else the newest below {@code before}; ascending either way. */
    public TimelinePage page(String conversationId, Long after, Long before, int limit) {
        List<?> result = metrics.timeRead(() -> readPage(conversationId, after, before, limit));
        List<Message> messages = new ArrayList<>(result.size() - 2);
        for (Object stored : result.subList(2, result.size())) {
            messages.add(codec.decode(conversationId, (String) stored));
        }
        metrics.pageServed(messages.size());
        return new TimelinePage(conversationId, (Long) result.get(0), messages, ((Long) result.get(1)) == 1L);
    }

    Optional<Message> find(String conversationId, long seq) {
        Set<String> stored = redis.opsForZSet().rangeByScore(keys.messages(conversationId), seq, seq, 0, 1);
        return stored == null || stored.isEmpty() ? Optional.empty()
                : Optional.of(codec.decode(conversationId, stored.iterator().next()));
    }

    /** The conversation's last assigned seq, 0 when it has no messages. */
    public long lastSeq(String conversationId) {
        return (Long) readPage(conversationId, null, null, 0).get(0);
    }

    private List<?> readPage(String conversationId, Long after, Long before, int limit) {
        return redis.execute(readPageScript, keys.readKeys(conversationId), bound(after), bound(before),
                Integer.toString(limit));
    }

    private static String bound(Long seq) {
        return seq == null ? "" : seq.toString();
    }

    /** 128 random bits: unique for the token's short life, without SecureRandom's lock on the hot path. */
    private static String serverToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
