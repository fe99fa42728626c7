package dev.chatsequencer.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The one entry point to the Lua scripts: every write of a conversation, and every read that must see one consistent
 * snapshot of it, is one script run on the conversation's slot; so is taking a rate-limit token. Each method passes the keys in the order its script
 * expects and turns the script's reply into a record, so no caller decodes a reply by position.
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

    LuaScripts(StringRedisTemplate redis, ConversationKeys keys,
            @Qualifier(ScriptConfiguration.POST_MESSAGE) RedisScript<List<Object>> postMessage,
            @Qualifier(ScriptConfiguration.READ_PAGE) RedisScript<List<Object>> readPage,
            @Qualifier(ScriptConfiguration.MARK_READ) RedisScript<List<Object>> markRead,
            @Qualifier(ScriptConfiguration.CONVERSATION_STATE) RedisScript<List<Object>> conversationState,
            @Qualifier(ScriptConfiguration.TAKE_TOKEN) RedisScript<List<Object>> takeToken) {
        this.redis = redis;
        this.keys = keys;
        this.postMessage = postMessage;
        this.readPage = readPage;
        this.markRead = markRead;
        this.conversationState = conversationState;
        this.takeToken = takeToken;
    }

    /**
     * post_message.lua: assigns the next seq and stores {@code member} with it, or finds the message an earlier post
     * with the same idempotency key stored. Either way the sender is checked against the participants first: with
     * {@code membersOnly} the conversation must have them, else only a direct conversation's are checked. Without
     * {@code ringDoorbell} the script publishes nothing: the caller rings once replicas confirmed the write.
     */
    public PostOutcome post(String conversationId, String idempotencyKey, Duration idempotencyTtl, String senderId,
            MemberTemplate member, boolean membersOnly, boolean ringDoorbell) {
        List<Object> reply = redis.execute(postMessage, keys.postKeys(conversationId, idempotencyKey),
                member.beforeSeq(), member.afterSeq(), Long.toString(idempotencyTtl.toMillis()), senderId,
                ringDoorbell ? keys.events(conversationId) : "", flag(membersOnly));
        long outcome = number(reply, 0);
        if (outcome < 0) {
            return new PostOutcome.NotAParticipant();
        }
        if (outcome == 1) {
            return new PostOutcome.Stored(number(reply, 1));
        }
        return new PostOutcome.Replayed(number(reply, 1), (String) reply.get(2));
    }

    /**
     * read_page.lua: up to {@code limit} members after {@code after} oldest first, else the newest below
     * {@code before}; ascending either way, with the conversation's last seq read in the same step. Empty when
     * {@code reader} is given and is not a participant. With {@code fence}, writes the conversation's fence after
     * reading (see read_page.lua).
     */
    public Optional<StoredPage> readPage(String conversationId, Long after, Long before, int limit, String reader,
            boolean fence) {
        // members stay bytes: a page is spliced into the response as stored, never decoded to text and encoded back
        List<Object> reply = redis.execute(readPage, redis.getStringSerializer(), ScriptConfiguration.bytesAsSent(),
                keys.readKeys(conversationId), bound(after), bound(before), Integer.toString(limit),
                reader == null ? "" : reader, flag(fence));
        if (number(reply, 0) < 0) {
            return Optional.empty();
        }
        List<byte[]> members = new ArrayList<>(reply.size() - 2);
        for (Object member : reply.subList(2, reply.size())) {
            members.add((byte[]) member);
        }
        return Optional.of(new StoredPage(number(reply, 0), number(reply, 1) == 1, members));
    }

    /** mark_read.lua: moves the user's marker forward, capped at the last seq. */
    public MarkOutcome markRead(String conversationId, String userId, long seq, boolean membersOnly) {
        List<Object> reply = redis.execute(markRead, keys.stateKeys(conversationId), userId, Long.toString(seq),
                flag(membersOnly));
        long readSeq = number(reply, 0);
        return readSeq < 0 ? new MarkOutcome.NotAParticipant() : new MarkOutcome.Marked(readSeq, number(reply, 1));
    }

    /**
     * conversation_state.lua: the last seq, each participant's marker and, if not a participant,
     * {@code alsoUser}'s ({@code null} for none). Empty when {@code reader} is given and is not a participant.
     */
    public Optional<StoredState> state(String conversationId, String alsoUser, String reader) {
        List<Object> reply = redis.execute(conversationState, keys.stateKeys(conversationId),
                alsoUser == null ? "" : alsoUser, reader == null ? "" : reader);
        if (number(reply, 0) < 0) {
            return Optional.empty();
        }
        List<StoredState.Marker> markers = new ArrayList<>();
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            markers.add(new StoredState.Marker((String) reply.get(i), number(reply, i + 1)));
        }
        return Optional.of(new StoredState(number(reply, 0), markers));
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

    /** A stored member without its seq, which only the script knows: {@code beforeSeq + seq + afterSeq}. */
    public record MemberTemplate(String beforeSeq, String afterSeq) {
    }

    /** What a post did. */
    public sealed interface PostOutcome {

        /** Stored now under {@code seq}; the member is the template with that seq. */
        record Stored(long seq) implements PostOutcome {
        }

        /** Stored before by a post with the same idempotency key; nothing was written. */
        record Replayed(long seq, String member) implements PostOutcome {
        }

        /** The conversation has participants and the sender is not one; nothing was written. */
        record NotAParticipant() implements PostOutcome {
        }
    }

    /**
     * One page of stored members (UTF-8 JSON, as stored) in ascending seq, and the conversation's last seq at the
     * same moment.
     */
    public record StoredPage(long lastSeq, boolean hasMore, List<byte[]> members) {
    }

    /** What moving a read marker did. */
    public sealed interface MarkOutcome {

        /** The marker after the update, and the last seq it was capped at. */
        record Marked(long readSeq, long lastSeq) implements MarkOutcome {
        }

        /** The conversation has participants and the user is not one; nothing was written. */
        record NotAParticipant() implements MarkOutcome {
        }
    }

    /** Whether a token was taken, the whole tokens left, and how long until one is there and until the bucket is full. */
    public record TokenOutcome(boolean taken, long remaining, long waitMillis, long fullMillis) {
    }

    /** A conversation's last seq and read markers, read in one consistent step. */
    public record StoredState(long lastSeq, List<Marker> markers) {

        /** How far one user has read; 0 when never. */
        public record Marker(String userId, long readSeq) {
        }
    }
}
