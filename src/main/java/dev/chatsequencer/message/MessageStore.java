package dev.chatsequencer.message;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.conversation.NotAParticipantException;
import dev.chatsequencer.redis.ConversationKeys;
import dev.chatsequencer.redis.ConversationScripts;
import dev.chatsequencer.redis.ConversationScripts.PostOutcome;
import dev.chatsequencer.redis.ConversationScripts.StoredPage;
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
import org.springframework.stereotype.Component;

/**
 * The timelines in Redis. Every write goes through post_message.lua, so a seq is assigned, stored and recorded for
 * retries in one atomic step.
 */
@Component
public class MessageStore {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;
    private final ConversationScripts scripts;
    private final MessageCodec codec;
    private final ChatProperties.Idempotency idempotency;
    private final Clock clock;
    private final MessageMetrics metrics;

    MessageStore(StringRedisTemplate redis, ConversationKeys keys, ConversationScripts scripts, MessageCodec codec,
            ChatProperties properties, Clock clock, MessageMetrics metrics) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = scripts;
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
        ConversationScripts.MemberTemplate member = codec.template(request.senderId(), request.body(),
                request.clientMessageId(), sentAt);
        PostOutcome outcome = metrics.timeAssign(() -> scripts.post(conversationId, idempotencyKey, ttl,
                request.senderId(), member));
        // Java 17 has no pattern switch; the sealed outcome still names every case.
        if (outcome instanceof PostOutcome.Stored stored) {
            // Stored now: the message is what was sent plus its seq, no need to parse it back.
            metrics.posted(true);
            return new PostResult(new Message(conversationId, stored.seq(), request.senderId(), request.body(),
                    request.clientMessageId(), sentAt), true);
        }
        if (outcome instanceof PostOutcome.Replayed replayed) {
            Message original = codec.decode(conversationId, replayed.member());
            if (!original.body().equals(request.body())) {
                throw new IdempotencyConflictException(request.clientMessageId(), replayed.seq());
            }
            metrics.posted(false);
            return new PostResult(original, false);
        }
        throw new NotAParticipantException(conversationId, request.senderId());
    }

    /** Reads a page: after {@code after} oldest first, else the newest below {@code before}; ascending either way. */
    public TimelinePage page(String conversationId, Long after, Long before, int limit) {
        StoredPage page = metrics.timeRead(() -> scripts.readPage(conversationId, after, before, limit));
        List<Message> messages = new ArrayList<>(page.members().size());
        for (String member : page.members()) {
            messages.add(codec.decode(conversationId, member));
        }
        metrics.pageServed(messages.size());
        return new TimelinePage(conversationId, page.lastSeq(), messages, page.hasMore());
    }

    Optional<Message> find(String conversationId, long seq) {
        Set<String> stored = redis.opsForZSet().rangeByScore(keys.messages(conversationId), seq, seq, 0, 1);
        return stored == null || stored.isEmpty() ? Optional.empty()
                : Optional.of(codec.decode(conversationId, stored.iterator().next()));
    }

    /** The conversation's last assigned seq, 0 when it has no messages. */
    public long lastSeq(String conversationId) {
        return scripts.lastSeq(conversationId);
    }

    /** 128 random bits: unique for the token's short life, without SecureRandom's lock on the hot path. */
    private static String serverToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
