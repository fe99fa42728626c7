package dev.chatsequencer.group;

import dev.chatsequencer.access.ConversationType;
import dev.chatsequencer.access.HistoryVisibility;
import dev.chatsequencer.inbox.InboxIndex;
import dev.chatsequencer.storage.ConversationRecords;
import dev.chatsequencer.storage.GroupOutcome;
import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.storage.MemberTemplate;
import dev.chatsequencer.storage.MembershipOutcome;
import dev.chatsequencer.timeline.EntryExpiredException;
import dev.chatsequencer.timeline.EntryType;
import dev.chatsequencer.timeline.IdempotencyProperties;
import dev.chatsequencer.timeline.TimelineCodec;
import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelineWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    private final ConversationRecords records;
    private final LuaScripts scripts;
    private final TimelineWriter writer;
    private final InboxIndex inbox;
    private final TimelineCodec codec;
    private final Clock clock;
    private final GroupMetrics metrics;
    private final int maxParticipants;
    private final Duration requestTtl;

    GroupStore(ConversationRecords records, LuaScripts scripts, TimelineWriter writer, InboxIndex inbox,
            TimelineCodec codec, Clock clock, GroupMetrics metrics, GroupProperties groupsProperties,
            IdempotencyProperties idempotencyProperties) {
        this.records = records;
        this.scripts = scripts;
        this.writer = writer;
        this.inbox = inbox;
        this.codec = codec;
        this.clock = clock;
        this.metrics = metrics;
        this.maxParticipants = groupsProperties.maxParticipants();
        this.requestTtl = idempotencyProperties.ttl();
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
    Created create(String owner, List<String> participants, String title, HistoryVisibility history,
            String clientRequestId) {
        String conversationId = clientRequestId == null ? newId() : idFor(owner, clientRequestId);
        Instant at = now();
        MemberTemplate entry = codec.membership(EntryType.GROUP_CREATED, owner, null, participants, title, at);
        GroupOutcome outcome = writer.append(conversationId, EntryType.GROUP_CREATED, doorbell -> scripts
                .createGroup(conversationId, owner, title, history.wire(), participants, entry, at, doorbell));
        if (outcome instanceof GroupOutcome.Deleted) {
            throw new GroupDeletedException(clientRequestId, conversationId);
        }
        if (outcome instanceof GroupOutcome.CreationExpired) {
            throw new EntryExpiredException(clientRequestId, conversationId, 1);
        }
        if (!(outcome instanceof GroupOutcome.Created created)) {
            throw new IllegalStateException("The new group id " + conversationId + " is taken");
        }
        TimelineEntry first = codec.decode(conversationId, created.member());
        if (created.now()) {
            metrics.created();
        } else if (!first.participants().equals(participants) || !Objects.equals(first.title(), title)
                || HistoryVisibility.ofWire(created.history()) != history) {
            throw new GroupRequestConflictException(clientRequestId, conversationId);
        }
        inbox.add(participants, conversationId, at);
        return new Created(new GroupView(conversationId, ConversationType.GROUP, first.title(), first.senderId(),
                HistoryVisibility.ofWire(created.history()), first.participants()), created.now());
    }

    /**
     * {@code actor} adds {@code userId} ({@code add}; nothing changes when they are in already) or removes them
     * (themself, or anyone when the owner).
     *
     * @return empty when the actor is not a participant (nothing was written)
     */
    Optional<Membership> change(String conversationId, boolean add, String actor, String userId) {
        Instant at = now();
        EntryType type = add ? EntryType.PARTICIPANT_ADDED : EntryType.PARTICIPANT_REMOVED;
        MemberTemplate entry = codec.membership(type, actor, userId, null, null, at);
        MembershipOutcome outcome = writer.append(conversationId, type, doorbell -> scripts.changeMembership(
                conversationId, add, actor, userId, entry, at, maxParticipants, requestTtl, doorbell));
        if (!(outcome instanceof MembershipOutcome.Changed changed)) {
            return refused(((MembershipOutcome.Refused) outcome).refusal(), conversationId, actor, userId);
        }
        if (changed.now()) {
            metrics.changed(add);
        }
        if (add) {
            // also when in already: the retry of an add whose indexing failed repairs it
            inbox.add(List.of(userId), conversationId, at);
        } else {
            // only an entry from before this removal: a re-add that raced past it keeps its own
            scripts.dropStaleInboxEntry(userId, conversationId, at);
        }
        return Optional.of(new Membership(conversationId, userId, add, changed.seq(), changed.now()));
    }

    /**
     * A refused change: empty when the actor is not a participant (the caller decides 403 or 404), else the problem
     * the refusal stands for, which does not depend on who asks.
     */
    private Optional<Membership> refused(MembershipOutcome.Refusal refusal, String conversationId, String actor,
            String userId) {
        return switch (refusal) {
            case NOT_A_PARTICIPANT -> Optional.empty();
            case NOT_A_GROUP -> throw new FixedParticipantsException(conversationId);
            case FULL -> throw new GroupFullException(conversationId, maxParticipants);
            case USER_NOT_IN -> throw new ParticipantNotFoundException(conversationId, userId);
            case NOT_ALLOWED -> throw new NotTheOwnerException(conversationId, actor);
            case LEFT_BY_CHOICE -> throw new LeftByChoiceException(conversationId, userId);
        };
    }

    /** The group id a creation request stands for: the one its first attempt chose, or a new one for retries. */
    private String idFor(String owner, String clientRequestId) {
        String candidate = newId();
        String claimed = records.claimGroupRequest(owner, clientRequestId, candidate, requestTtl);
        return claimed != null ? claimed : idFor(owner, clientRequestId);
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
