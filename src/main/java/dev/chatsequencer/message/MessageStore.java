package dev.chatsequencer.message;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.conversation.Caller;
import dev.chatsequencer.conversation.ConversationNotFoundException;
import dev.chatsequencer.conversation.NotAParticipantException;
import dev.chatsequencer.redis.ConversationKeys;
import dev.chatsequencer.redis.LuaScripts;
import dev.chatsequencer.redis.LuaScripts.PostOutcome;
import dev.chatsequencer.redis.LuaScripts.StoredPage;
import dev.chatsequencer.redis.ReplicaAcknowledgement;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final LuaScripts scripts;
    private final ReplicaAcknowledgement replicas;
    private final MessageCodec codec;
    private final ChatProperties.Idempotency idempotency;
    private final Clock clock;
    private final MessageMetrics metrics;
    private final long maxPageBytes;

    MessageStore(StringRedisTemplate redis, ConversationKeys keys, LuaScripts scripts,
            ReplicaAcknowledgement replicas, MessageCodec codec, ChatProperties properties, Clock clock,
            MessageMetrics metrics) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = scripts;
        this.replicas = replicas;
        this.codec = codec;
        this.idempotency = properties.idempotency();
        this.clock = clock;
        this.metrics = metrics;
        this.maxPageBytes = properties.timeline().maxPageBytes().toBytes();
    }

    /**
     * Appends a message, or returns the one an identical earlier post stored. A post without a clientMessageId still
     * carries a fresh token, so a command that Lettuce re-sends after a reconnect cannot store the message twice.
     *
     * @param sender who posts: the caller, or without identification the request's senderId
     * @throws IdempotencyConflictException when the clientMessageId was used for a different body
     * @throws ConversationNotFoundException when an identified caller is not a participant
     * @throws NotAParticipantException without identification, when the conversation has participants and the
     *         sender is not one
     */
    PostResult append(String conversationId, String sender, PostMessageRequest request, Caller caller) {
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
        LuaScripts.MemberTemplate member = codec.template(sender, request.body(), request.clientMessageId(),
                sentAt);
        PostOutcome outcome = metrics.timeAssign(() -> scripts.post(conversationId, idempotencyKey, ttl, sender,
                member, sentAt, caller.identified(), !replicas.enabled()));
        if (!(outcome instanceof PostOutcome.NotAParticipant)) {
            // A replay too: the record it found may sit on a deposed master that a failover is about to discard.
            replicas.confirm(keys.messages(conversationId));
        }
        // Java 17 has no pattern switch; the sealed outcome still names every case.
        if (outcome instanceof PostOutcome.Stored stored) {
            if (replicas.enabled()) {
                redis.convertAndSend(keys.events(conversationId),
                        member.beforeSeq() + stored.seq() + member.afterSeq());
            }
            // Stored now: the message is what was sent plus its seq, no need to parse it back.
            metrics.posted(true);
            return new PostResult(Message.posted(conversationId, stored.seq(), sender, request.body(),
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
        throw caller.refusedIn(conversationId, sender);
    }

    /**
     * A page, as the API's JSON (UTF-8): after {@code after} oldest first, else the newest below {@code before};
     * ascending either way. Spliced from the stored members as Redis sent them, never decoded: the most frequent
     * request of a chat client costs one script call and a copy of bytes.
     *
     * @throws ConversationNotFoundException when an identified caller is not a participant
     */
    byte[] pageJson(String conversationId, Long after, Long before, int limit, Caller caller) {
        StoredPage page = servedPage(conversationId, after, before, limit, caller, false);
        byte[] prefix = codec.apiPrefix(conversationId);
        // sized once: the head and tail with two longs take under 64 bytes, and each entry its length and a comma
        int size = prefix.length + 64;
        for (byte[] member : page.members()) {
            size += codec.apiJsonLength(prefix, member) + 1;
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(size);
        json.writeBytes(prefix);
        json.writeBytes(("\"lastSeq\":" + page.lastSeq() + ",\"messages\":[").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < page.members().size(); i++) {
            if (i > 0) {
                json.write(',');
            }
            codec.writeApiJson(json, prefix, page.members().get(i));
        }
        json.writeBytes(("],\"hasMore\":" + page.hasMore() + "}").getBytes(StandardCharsets.US_ASCII));
        return json.toByteArray();
    }

    /**
     * A page for a live stream: only what replicas confirmed (where {@code chat.durability.replicas} asks for them),
     * so a stream never shows a message at a seq that a failover could give to another. As {@code reader} may see
     * it ({@code null}: anyone).
     *
     * @throws ConversationNotFoundException when {@code reader} is no longer a participant
     * @throws dev.chatsequencer.redis.ReplicaAcknowledgement.ReplicationUnconfirmedException when replicas do not
     *         confirm in time; the stream reads again later
     */
    public TimelinePage confirmedPage(String conversationId, String reader, long after, int limit) {
        return decoded(conversationId, servedPage(conversationId, after, null, limit, new Caller(reader),
                replicas.enabled()));
    }

    /** The message stored at {@code seq}, if any. */
    Optional<Message> find(String conversationId, long seq, Caller caller) {
        return decoded(conversationId, stored(conversationId, seq - 1, seq + 1, 1, caller, false)).messages()
                .stream().findFirst();
    }

    /**
     * The conversation's last assigned seq, 0 when it has no messages.
     *
     * @throws ConversationNotFoundException when an identified caller is not a participant
     */
    public long lastSeq(String conversationId, Caller caller) {
        return stored(conversationId, null, null, 0, caller, false).lastSeq();
    }

    /**
     * A page that goes out to a client or a stream: timed, counted in the page-size histogram, and with
     * {@code confirmed} returned only once replicas hold everything it read.
     */
    private StoredPage servedPage(String conversationId, Long after, Long before, int limit, Caller caller,
            boolean confirmed) {
        StoredPage page = metrics.timeRead(() -> stored(conversationId, after, before, limit, caller, confirmed));
        if (confirmed) {
            replicas.confirm(keys.messages(conversationId));
        }
        metrics.pageServed(page.members().size());
        return page;
    }

    /** One read_page.lua call; {@code fence} writes the read fence after reading (see read_page.lua). */
    private StoredPage stored(String conversationId, Long after, Long before, int limit, Caller caller,
            boolean fence) {
        return scripts.readPage(conversationId, after, before, limit, caller.reader(), fence, maxPageBytes)
                .orElseThrow(() -> new ConversationNotFoundException(conversationId));
    }

    private TimelinePage decoded(String conversationId, StoredPage page) {
        List<Message> messages = new ArrayList<>(page.members().size());
        for (byte[] member : page.members()) {
            messages.add(codec.decode(conversationId, member));
        }
        return new TimelinePage(conversationId, page.lastSeq(), messages, page.hasMore());
    }

    /** 128 random bits: unique for the token's short life, without SecureRandom's lock on the hot path. */
    private static String serverToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
