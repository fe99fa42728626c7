package dev.chatsequencer.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The one entry point to the Lua scripts: every write of a conversation, and every read that must see one consistent
 * snapshot of it, is one script run on the conversation's slot; so is taking a rate-limit token or dropping a stale
 * inbox entry in the user's slot. Each method passes the keys in the order its script expects and turns the script's
 * reply into a record, so no caller decodes a reply by position.
 */
@Component
public class LuaScripts {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;
    private final RedisScript<List<Object>> postMessage;
    private final RedisScript<List<Object>> readPage;
    private final RedisScript<List<Object>> markRead;
    private final RedisScript<List<Object>> conversationState;
    private final RedisScript<List<Object>> takeToken;
    private final RedisScript<List<Object>> createGroup;
    private final RedisScript<List<Object>> changeMembership;
    private final RedisScript<Long> dropStaleInboxEntry;
    private final RedisScript<List<Object>> changeMessage;
    private final RedisScript<List<Object>> clearHistory;
    private final RetentionPolicy retention;

    LuaScripts(StringRedisTemplate redis, ConversationKeys keys, RetentionPolicy retention,
            @Qualifier(ScriptConfiguration.POST_MESSAGE) RedisScript<List<Object>> postMessage,
            @Qualifier(ScriptConfiguration.READ_PAGE) RedisScript<List<Object>> readPage,
            @Qualifier(ScriptConfiguration.MARK_READ) RedisScript<List<Object>> markRead,
            @Qualifier(ScriptConfiguration.CONVERSATION_STATE) RedisScript<List<Object>> conversationState,
            @Qualifier(ScriptConfiguration.TAKE_TOKEN) RedisScript<List<Object>> takeToken,
            @Qualifier(ScriptConfiguration.CREATE_GROUP) RedisScript<List<Object>> createGroup,
            @Qualifier(ScriptConfiguration.CHANGE_MEMBERSHIP) RedisScript<List<Object>> changeMembership,
            @Qualifier(ScriptConfiguration.DROP_STALE_INBOX_ENTRY) RedisScript<Long> dropStaleInboxEntry,
            @Qualifier(ScriptConfiguration.CHANGE_MESSAGE) RedisScript<List<Object>> changeMessage,
            @Qualifier(ScriptConfiguration.CLEAR_HISTORY) RedisScript<List<Object>> clearHistory) {
        this.redis = redis;
        this.keys = keys;
        this.postMessage = postMessage;
        this.readPage = readPage;
        this.markRead = markRead;
        this.conversationState = conversationState;
        this.takeToken = takeToken;
        this.createGroup = createGroup;
        this.changeMembership = changeMembership;
        this.dropStaleInboxEntry = dropStaleInboxEntry;
        this.changeMessage = changeMessage;
        this.clearHistory = clearHistory;
        this.retention = retention;
    }

    /**
     * post_message.lua: assigns the next seq and stores {@code member} with it, or finds the message an earlier post
     * with the same idempotency key stored. Either way the sender is checked against the participants first: with
     * {@code membersOnly} the conversation must have them, else only a direct conversation's are checked. The script
     * publishes what it stored on {@code doorbell}, unless that is empty (see {@code TimelineWriter}).
     */
    public PostOutcome post(String conversationId, String idempotencyKey, Duration idempotencyTtl, String senderId,
            MemberTemplate member, Instant sentAt, boolean membersOnly, String doorbell) {
        List<Object> reply = redis.execute(postMessage, keys.postKeys(conversationId, idempotencyKey),
                member.beforeSeq(), member.afterSeq(), Long.toString(idempotencyTtl.toMillis()), senderId, doorbell,
                flag(membersOnly), millis(sentAt), retention.at(sentAt));
        long outcome = number(reply, 0);
        if (outcome == -2) {
            return new PostOutcome.Expired(number(reply, 1));
        }
        if (outcome < 0) {
            return new PostOutcome.NotAParticipant();
        }
        if (outcome == 1) {
            return new PostOutcome.Stored(number(reply, 1), member.withSeq(number(reply, 1)));
        }
        return new PostOutcome.Replayed(number(reply, 1), (String) reply.get(2));
    }

    /**
     * read_page.lua: up to {@code limit} members after {@code after} oldest first, else the newest below
     * {@code before}; ascending either way, with the conversation's last seq read in the same step. Empty when
     * {@code reader} is given and is not a participant; in a group whose history is visible from joining, nothing
     * below the seq the reader joined at. At most {@code maxBytes} of members, but always one. With {@code fence},
     * writes the conversation's fence after reading (see read_page.lua).
     */
    public Optional<StoredPage> readPage(String conversationId, Long after, Long before, int limit, String reader,
            boolean fence, long maxBytes) {
        // members stay bytes: a page is spliced into the response as stored, never decoded to text and encoded back
        List<Object> reply = redis.execute(readPage, redis.getStringSerializer(), ScriptConfiguration.bytesAsSent(),
                keys.readKeys(conversationId), bound(after), bound(before), Integer.toString(limit),
                reader == null ? "" : reader, flag(fence), Long.toString(maxBytes), retention.now());
        if (number(reply, 0) < 0) {
            return Optional.empty();
        }
        List<byte[]> members = new ArrayList<>(reply.size() - 5);
        for (Object member : reply.subList(5, reply.size())) {
            members.add((byte[]) member);
        }
        return Optional.of(new StoredPage(number(reply, 0), number(reply, 1) == 1, number(reply, 2),
                number(reply, 3), number(reply, 4), members));
    }

    /**
     * clear_history.lua: hides the conversation's entries up to {@code throughSeq} ({@code null}: the last seq) from
     * {@code userId} only, and marks them read; empty when the user may not act there.
     */
    public Optional<ClearedThrough> clearHistory(String conversationId, String userId, Long throughSeq,
            boolean membersOnly) {
        List<Object> reply = redis.execute(clearHistory, keys.clearKeys(conversationId), userId, bound(throughSeq),
                flag(membersOnly));
        return number(reply, 0) < 0 ? Optional.empty()
                : Optional.of(new ClearedThrough(number(reply, 0), number(reply, 1)));
    }

    /** mark_read.lua: moves the user's marker forward, capped at the last seq. */
    public MarkOutcome markRead(String conversationId, String userId, long seq, boolean membersOnly) {
        List<Object> reply = redis.execute(markRead, keys.stateKeys(conversationId), userId, Long.toString(seq),
                flag(membersOnly), retention.now());
        long readSeq = number(reply, 0);
        return readSeq < 0 ? new MarkOutcome.NotAParticipant()
                : new MarkOutcome.Marked(readSeq, number(reply, 1), number(reply, 2));
    }

    /**
     * conversation_state.lua: the last seq, a group's settings, the markers of up to {@code maxParticipants}
     * participants and, if not a participant, {@code alsoUser}'s ({@code null} for none). Empty when {@code reader}
     * is given and is not a participant.
     */
    public Optional<StoredState> state(String conversationId, String alsoUser, String reader, int maxParticipants) {
        List<Object> reply = redis.execute(conversationState, keys.stateKeys(conversationId),
                alsoUser == null ? "" : alsoUser, reader == null ? "" : reader, Integer.toString(maxParticipants),
                retention.now());
        if (number(reply, 0) < 0) {
            return Optional.empty();
        }
        List<StoredState.Marker> markers = new ArrayList<>();
        for (int i = 5; i + 2 < reply.size(); i += 3) {
            markers.add(new StoredState.Marker((String) reply.get(i), number(reply, i + 1), number(reply, i + 2)));
        }
        return Optional.of(new StoredState(number(reply, 0), text(reply, 1), text(reply, 2), text(reply, 3),
                text(reply, 4), markers));
    }

    /**
     * create_group.lua: creates the group with {@code participants} (the owner among them), its {@code history}
     * visibility (shared or joined) and its group-created entry, {@code created} with seq 1; or finds the group an
     * earlier call created. Publishes on {@code doorbell} as {@link #post} does.
     */
    public GroupOutcome createGroup(String conversationId, String owner, String title, String history,
            List<String> participants, MemberTemplate created, Instant at, String doorbell) {
        List<String> args = new ArrayList<>(participants.size() + 7);
        args.addAll(List.of(owner, title == null ? "" : title, created.beforeSeq(), created.afterSeq(), millis(at),
                doorbell, history));
        args.addAll(participants);
        List<Object> reply = redis.execute(createGroup, keys.membershipKeys(conversationId), args.toArray());
        long outcome = number(reply, 0);
        if (outcome == -2) {
            return new GroupOutcome.Deleted();
        }
        if (outcome == -3) {
            return new GroupOutcome.CreationExpired();
        }
        if (outcome < 0) {
            return new GroupOutcome.IdTaken();
        }
        return new GroupOutcome.Created(outcome == 1, (String) reply.get(1), (String) reply.get(2));
    }

    /**
     * change_membership.lua: {@code actor} adds {@code user} to a group ({@code add}) or removes them, with
     * {@code entry} at the next seq. Publishes on {@code doorbell} as {@link #post} does.
     */
    public MembershipOutcome changeMembership(String conversationId, boolean add, String actor, String user,
            MemberTemplate entry, Instant at, int maxParticipants, Duration tombstoneTtl, String doorbell) {
        List<Object> reply = redis.execute(changeMembership, keys.membershipKeys(conversationId),
                add ? "add" : "remove", actor, user, entry.beforeSeq(), entry.afterSeq(), millis(at), doorbell,
                Integer.toString(maxParticipants), Long.toString(tombstoneTtl.toMillis()), retention.at(at));
        long outcome = number(reply, 0);
        if (outcome == 1 || outcome == 0) {
            long seq = number(reply, 1);
            return new MembershipOutcome.Changed(outcome == 1, seq, outcome == 1 ? entry.withSeq(seq) : null);
        }
        return new MembershipOutcome.Refused(switch ((int) outcome) {
            case -1 -> MembershipOutcome.Refusal.NOT_A_PARTICIPANT;
            case -2 -> MembershipOutcome.Refusal.NOT_A_GROUP;
            case -3 -> MembershipOutcome.Refusal.FULL;
            case -4 -> MembershipOutcome.Refusal.USER_NOT_IN;
            case -6 -> MembershipOutcome.Refusal.LEFT_BY_CHOICE;
            default -> MembershipOutcome.Refusal.NOT_ALLOWED;
        });
    }

    /**
     * change_message.lua: {@code actor} edits the message at {@code targetSeq} ({@code newBody} the new text as a JSON
     * string, {@code editedAt} the edit's time as one) or, with {@code newBody} null, deletes it ({@code windowPassed}:
     * only a group's owner may now), an edit only while the message has had fewer than {@code maxEdits}; the change
     * is {@code entry} at the next seq. Publishes on {@code doorbell} as
     * {@link #post} does.
     */
    public MessageChangeOutcome changeMessage(String conversationId, String actor, long targetSeq,
            MemberTemplate entry, Instant at, boolean membersOnly, String newBody, String editedAt,
            boolean windowPassed, int maxEdits, String doorbell) {
        List<Object> reply = redis.execute(changeMessage, keys.changeKeys(conversationId),
                newBody == null ? "delete" : "edit", actor, Long.toString(targetSeq), entry.beforeSeq(),
                entry.afterSeq(), millis(at), doorbell, flag(membersOnly), newBody == null ? "" : newBody,
                editedAt == null ? "" : editedAt, flag(windowPassed), Integer.toString(maxEdits),
                retention.at(at));
        long outcome = number(reply, 0);
        if (outcome >= 0) {
            return new MessageChangeOutcome.Changed(outcome == 1, number(reply, 1), (String) reply.get(2));
        }
        return new MessageChangeOutcome.Refused(switch ((int) outcome) {
            case -1 -> MessageChangeOutcome.Refusal.NOT_A_PARTICIPANT;
            case -2 -> MessageChangeOutcome.Refusal.NO_SUCH_ENTRY;
            case -3 -> MessageChangeOutcome.Refusal.NOT_A_MESSAGE;
            case -4 -> MessageChangeOutcome.Refusal.DELETED;
            case -6 -> MessageChangeOutcome.Refusal.WINDOW_PASSED;
            case -7 -> MessageChangeOutcome.Refusal.EDIT_LIMIT;
            default -> MessageChangeOutcome.Refusal.NOT_ALLOWED;
        });
    }

    /**
     * drop_stale_inbox_entry.lua: drops {@code conversationId} from the user's inbox index unless it was written
     * after {@code newest}; true when dropped.
     */
    public boolean dropStaleInboxEntry(String userId, String conversationId, Instant newest) {
        Long dropped = redis.execute(dropStaleInboxEntry, List.of(keys.inbox(userId)), conversationId,
                millis(newest));
        return dropped != null && dropped == 1;
    }

    private static String millis(Instant at) {
        return Long.toString(at.toEpochMilli());
    }

    private static String text(List<Object> reply, int index) {
        String value = (String) reply.get(index);
        return value.isEmpty() ? null : value;
    }

    /** take_token.lua: one token from the bucket at {@code bucketKey}, timed by the Redis server's clock. */
    public TokenOutcome takeToken(String bucketKey, int capacity, double refillPerSecond) {
        List<Object> reply = redis.execute(takeToken, List.of(bucketKey), Integer.toString(capacity),
                Double.toString(refillPerSecond));
        return new TokenOutcome(number(reply, 0) == 1, number(reply, 1), number(reply, 2), number(reply, 3));
    }

    private static String flag(boolean on) {
        return on ? "1" : "";
    }

    private static long number(List<Object> reply, int index) {
        return (Long) reply.get(index);
    }

    private static String bound(Long seq) {
        return seq == null ? "" : seq.toString();
    }
}
