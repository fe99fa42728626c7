package dev.chatsequencer.message;

import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.storage.MemberTemplate;
import dev.chatsequencer.storage.PostOutcome;
import dev.chatsequencer.timeline.EntryExpiredException;
import dev.chatsequencer.timeline.EntryType;
import dev.chatsequencer.timeline.IdempotencyProperties;
import dev.chatsequencer.timeline.TimelineCodec;
import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelineWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Posts in Redis: post_message.lua assigns a seq, stores the message and records it for retries in one atomic step,
 * on the timeline's one write path.
 */
@Component
class MessageStore {

    private final ConversationKeys keys;
    private final LuaScripts scripts;
    private final TimelineWriter writer;
    private final TimelineCodec codec;
    private final IdempotencyProperties idempotency;
    private final Clock clock;
    private final MessageMetrics metrics;

    MessageStore(ConversationKeys keys, LuaScripts scripts, TimelineWriter writer, TimelineCodec codec,
            IdempotencyProperties idempotency, Clock clock, MessageMetrics metrics) {
        this.keys = keys;
        this.scripts = scripts;
        this.writer = writer;
        this.codec = codec;
        this.idempotency = idempotency;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Appends a message, or finds the one an identical earlier post stored. A post without a clientMessageId still
     * carries a fresh token, so a command that Lettuce re-sends after a reconnect cannot store the message twice.
     *
     * @param membersOnly the conversation must have participants, the sender among them (a caller was identified);
     *        else only a direct conversation's participants are checked
     * @return empty when the sender is not a participant (nothing was written)
     * @throws IdempotencyConflictException when the clientMessageId was used for a different body
     * @throws EntryExpiredException when a retry finds its message stored and taken by retention since
     */
    Optional<Posted> append(String conversationId, String sender, PostMessageRequest request, boolean membersOnly) {
        String idempotencyKey;
        Duration ttl;
        if (request.clientMessageId() != null) {
            idempotencyKey = keys.clientIdempotency(conversationId, sender, request.clientMessageId());
            ttl = idempotency.ttl();
        } else {
            idempotencyKey = keys.serverIdempotency(conversationId, serverToken());
            ttl = idempotency.serverTokenTtl();
        }
        Instant sentAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MemberTemplate member = codec.message(sender, request.body(), request.clientMessageId(), sentAt);
        PostOutcome outcome = writer.append(conversationId, EntryType.MESSAGE, doorbell -> scripts.post(
                conversationId, idempotencyKey, ttl, sender, member, sentAt, membersOnly, doorbell));
        // Java 17 has no pattern switch; the sealed outcome still names every case.
        if (outcome instanceof PostOutcome.Stored stored) {
            metrics.posted(true);
            return Optional.of(new Posted(stored.seq(), json(conversationId, stored.member()), true));
        }
        if (outcome instanceof PostOutcome.Replayed replayed) {
            TimelineEntry original = codec.decode(conversationId, replayed.member());
            // edited or deleted since: the retry answers the message as it now reads, whatever body it repeats
            boolean changed = original.editedAt() != null || original.deleted() != null;
            if (!changed && !original.body().equals(request.body())) {
                throw new IdempotencyConflictException(request.clientMessageId(), replayed.seq());
            }
            metrics.posted(false);
            return Optional.of(new Posted(replayed.seq(), json(conversationId, replayed.member()), false));
        }
        if (outcome instanceof PostOutcome.Expired expired) {
            throw new EntryExpiredException(request.clientMessageId(), conversationId, expired.seq());
        }
        return Optional.empty();
    }

    private byte[] json(String conversationId, String member) {
        return codec.apiJson(conversationId, member.getBytes(StandardCharsets.UTF_8));
    }

    /** 128 random bits: unique for the token's short life, without SecureRandom's lock on the hot path. */
    private static String serverToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The message a post resolved to, as the API's JSON, and whether this post stored it (false: a retry). */
    record Posted(long seq, byte[] json, boolean created) {
    }
}
