package dev.chatsequencer.group;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.conversation.Caller;
import dev.chatsequencer.message.Message;
import dev.chatsequencer.message.MessageCodec;
import dev.chatsequencer.redis.ConversationKeys;
import dev.chatsequencer.redis.InboxIndex;
import dev.chatsequencer.redis.LuaScripts;
import dev.chatsequencer.redis.LuaScripts.GroupOutcome;
import dev.chatsequencer.redis.LuaScripts.MemberTemplate;
import dev.chatsequencer.redis.LuaScripts.MembershipOutcome;
import dev.chatsequencer.redis.ReplicaAcknowledgement;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Groups in Redis: each creation and membership change is one script on the group's slot that checks, writes the
 * entry at the next seq and changes the participants together. The users' inbox indexes, in their own slots, are
 * written only after the script confirmed the change, so a refused request writes no one's index. A request that
 * fails between the two (a 503) is repaired by its retry, which finds the change made and indexes again; an entry
 * written for a user removed in between is hidden and dropped by inbox reads.
 */
@Component
class GroupStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;
    private final LuaScripts scripts;
    private final InboxIndex inbox;
    private final ReplicaAcknowledgement replicas;
    private final MessageCodec codec;
    private final Clock clock;
    private final GroupMetrics metrics;
    private final int maxParticipants;
    private final Duration requestTtl;

    GroupStore(StringRedisTemplate redis, ConversationKeys keys, LuaScripts scripts, InboxIndex inbox,
            ReplicaAcknowledgement replicas, MessageCodec codec, Clock clock, GroupMetrics metrics,
            ChatProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = scripts;
        this.inbox = inbox;
        this.replicas = replicas;
        this.codec = codec;
        this.clock = clock;
        this.metrics = metrics;
        this.maxParticipants = properties.groups().maxParticipants();
        this.requestTtl = properties.idempotency().ttl();
    }

    int maxParticipants() {
        return maxParticipants;
    }

    /**
     * Creates a group owned by {@code owner}, or returns the one that an earlier request with the same
     * {@code clientRequestId} of the same owner created.
     *
     * @param participants sorted and distinct, the owner among them
     * @throws GroupRequestConflictException when the clientRequestId created a different group
     */
    Created create(String owner, List<String> participants, String title, String history,
            String clientRequestId) {
        String conversationId = clientRequestId == null ? newId() : idFor(owner, clientRequestId);
        Instant at = now();
        MemberTemplate entry = codec.entryTemplate(Message.GROUP_CREATED, owner, null, participants, title, at);
        GroupOutcome outcome = scripts.createGroup(conversationId, owner, title, history, participants, entry, at,
                !replicas.enabled());
        if (outcome instanceof GroupOutcome.Deleted) {
            throw new GroupDeletedException(clientRequestId, conversationId);
        }
        if (!(outcome instanceof GroupOutcome.Created created)) {
            throw new IllegalStateException("The new group id " + conversationId + " is taken");
        }
        replicas.confirm(keys.messages(conversationId));
        Message first = codec.decode(conversationId, created.member());
        if (created.now()) {
            ring(conversationId, created.member());
            metrics.created();
        } else if (!first.participants().equals(participants) || !Objects.equals(first.title(), title)
                || !created.history().equals(history)) {
            throw new GroupRequestConflictException(clientRequestId, conversationId);
        }
        inbox.add(participants, conversationId, at);
        return new Created(new GroupView(conversationId, GroupView.GROUP, first.title(), first.senderId(),
                created.history(), first.participants()), created.now());
    }

    /**
     * {@code actor} adds {@code userId} ({@code add}; nothing changes when they are in already) or removes them
     * (themself, or anyone when the owner).
     *
     * @throws dev.chatsequencer.conversation.ConversationNotFoundException when the actor is not a participant
     *         (mode none: {@link dev.chatsequencer.conversation.NotAParticipantException})
     */
    Membership change(String conversationId, boolean add, String actor, String userId, Caller caller) {
        Instant at = now();
        MemberTemplate entry = codec.entryTemplate(add ? Message.PARTICIPANT_ADDED : Message.PARTICIPANT_REMOVED,
                actor, userId, null, null, at);
        MembershipOutcome outcome = scripts.changeMembership(conversationId, add, actor, userId, entry, at,
                maxParticipants, requestTtl, !replicas.enabled());
        if (!(outcome instanceof MembershipOutcome.Changed changed)) {
            throw refusal(((MembershipOutcome.Refused) outcome).refusal(), conversationId, actor, userId, caller);
        }
        if (changed.now()) {
            replicas.confirm(keys.messages(conversationId));
            ring(conversationId, entry.beforeSeq() + changed.seq() + entry.afterSeq());
            metrics.changed(add);
        }
        if (add) {
            // also when in already: the retry of an add whose indexing failed repairs it
            inbox.add(List.of(userId), conversationId, at);
        } else {
            // only an entry from before this removal: a re-add that raced past it keeps its own
            scripts.dropStaleInboxEntry(userId, conversationId, at);
        }
        return new Membership(conversationId, userId, add, changed.seq(), changed.now());
    }

    private RuntimeException refusal(MembershipOutcome.Refusal refusal, String conversationId, String actor,
            String userId, Caller caller) {
        return switch (refusal) {
            case NOT_A_PARTICIPANT -> caller.refusedIn(conversationId, actor);
            case NOT_A_GROUP -> new FixedParticipantsException(conversationId);
            case FULL -> new GroupFullException(conversationId, maxParticipants);
            case USER_NOT_IN -> new ParticipantNotFoundException(conversationId, userId);
            case NOT_ALLOWED -> new NotTheOwnerException(conversationId, actor);
            case LEFT_BY_CHOICE -> new LeftByChoiceException(conversationId, userId);
        };
    }

    /** With replicas, the script rang nothing: streams hear of an entry only once replicas confirmed it. */
    private void ring(String conversationId, String member) {
        if (replicas.enabled()) {
            redis.convertAndSend(keys.events(conversationId), member);
        }
    }

    /**
     * The group id a creation request stands for: the one its first attempt chose, or a new one recorded for the
     * retries to find. SET NX decides between concurrent attempts: exactly one id wins.
     */
    private String idFor(String owner, String clientRequestId) {
        String key = keys.groupRequest(owner, clientRequestId);
        String candidate = newId();
        Boolean recorded = redis.opsForValue().setIfAbsent(key, candidate, requestTtl);
        if (Boolean.TRUE.equals(recorded)) {
            return candidate;
        }
        String earlier = redis.opsForValue().get(key);
        return earlier != null ? earlier : idFor(owner, clientRequestId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code gr_} and 128 random bits: a group's id tells nothing and cannot be guessed. */
    private static String newId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "gr_" + HexFormat.of().formatHex(bits);
    }

    /** The group, and whether this request created it (false: a retry found it). */
    record Created(GroupView group, boolean now) {
    }
}
