package dev.chatsequencer.storage;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Builds every Redis key of the service. All keys of one conversation carry the hash tag {@code {conversationId}}, so
 * a script that touches several of them runs on one Redis Cluster slot.
 */
@Component
public class ConversationKeys {

    private final String namespace;

    public ConversationKeys(RedisKeyProperties redisProperties) {
        this.namespace = redisProperties.namespace();
    }

    /** The counter that INCR advances: {@code chat:{id}:seq}. */
    public String sequence(String conversationId) {
        return key(conversationId, "seq");
    }

    /** The timeline, a sorted set scored by seq: {@code chat:{id}:messages}. */
    public String messages(String conversationId) {
        return key(conversationId, "messages");
    }

    /** The participants of a direct conversation or a group, a set; absent for an open conversation. */
    public String participants(String conversationId) {
        return key(conversationId, "participants");
    }

    /** How far each user has read, a hash of user id to seq. */
    public String readMarkers(String conversationId) {
        return key(conversationId, "read");
    }

    /** A group's settings, a hash (type, title, owner, history); absent for a direct or open conversation. */
    public String meta(String conversationId) {
        return key(conversationId, "meta");
    }

    /**
     * The seq at which each participant of a group joined, a hash of user id to seq: what a group whose history is
     * visible only from joining shows each reader.
     */
    public String joined(String conversationId) {
        return key(conversationId, "joined");
    }

    /**
     * When the conversation last had an entry, epoch milliseconds as a string: what orders a user's inbox, read for
     * many conversations at once without reading their entries.
     */
    public String activity(String conversationId) {
        return key(conversationId, "activity");
    }

    /** The pub/sub channel that rings when a message is stored (a channel, not a key; tagged all the same). */
    public String events(String conversationId) {
        return key(conversationId, "events");
    }

    /** The conversation whose events channel this is, or {@code null} for any other channel. */
    public String conversationOfEvents(String channel) {
        String prefix = namespace + ":{";
        String suffix = "}:events";
        if (!channel.startsWith(prefix) || !channel.endsWith(suffix)
                || channel.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        return channel.substring(prefix.length(), channel.length() - suffix.length());
    }

    /**
     * The retry record of a client's message id. The sender's id is length-prefixed because both ids may contain
     * {@code :}, and ("a:b", "c") must not collide with ("a", "b:c").
     */
    public String clientIdempotency(String conversationId, String senderId, String clientMessageId) {
        return key(conversationId, "idem:c:" + senderId.length() + ":" + senderId + ":" + clientMessageId);
    }

    /** The retry record of a token the server made up for a post without a client message id. */
    public String serverIdempotency(String conversationId, String token) {
        return key(conversationId, "idem:s:" + token);
    }

    /** The keys every write of a post touches, in the order post_message.lua expects them. */
    public List<String> postKeys(String conversationId, String idempotencyKey) {
        return List.of(sequence(conversationId), messages(conversationId), idempotencyKey,
                participants(conversationId), readMarkers(conversationId), activity(conversationId),
                ages(conversationId), uncounted(conversationId), changes(conversationId));
    }

    /**
     * When the conversation's entries were written, coarsely, for retention by age: a sorted set of the first seq
     * written in each time bucket, scored by the bucket's end (epoch milliseconds). Kept only while a max age is set.
     */
    public String ages(String conversationId) {
        return key(conversationId, "ages");
    }

    /**
     * The seqs of a conversation's entries that are not messages (membership changes), which no reader counts
     * unread: a sorted set scored by seq, so an unread count is one ZCOUNT.
     */
    public String uncounted(String conversationId) {
        return key(conversationId, "uncounted");
    }

    /** How far each user cleared the conversation's history for themself (hash: user to seq). */
    public String cleared(String conversationId) {
        return key(conversationId, "cleared");
    }

    /** The keys clearing a user's history touches, in the order clear_history.lua expects them. */
    public List<String> clearKeys(String conversationId) {
        return List.of(sequence(conversationId), messages(conversationId), participants(conversationId),
                readMarkers(conversationId), cleared(conversationId));
    }

    /** The seqs of each message's change entries, edits then its deletion (hash: target seq to seqs). */
    public String changes(String conversationId) {
        return key(conversationId, "changes");
    }

    /** The keys a change of a message touches, in the order change_message.lua expects them. */
    public List<String> changeKeys(String conversationId) {
        return List.of(sequence(conversationId), messages(conversationId), participants(conversationId),
                meta(conversationId), activity(conversationId), uncounted(conversationId), changes(conversationId),
                ages(conversationId));
    }

    /** Who left a group by themself, and at which seq: only they may bring themself back. */
    public String left(String conversationId) {
        return key(conversationId, "left");
    }

    /**
     * What is left of a group whose last participant left (all its other keys are deleted): the seq of that last
     * entry, for as long as its creation may be retried, so that a retry cannot bring it back.
     */
    public String tombstone(String conversationId) {
        return key(conversationId, "deleted");
    }

    /**
     * The keys a change of a group's membership touches, in the order create_group.lua and change_membership.lua
     * expect them: every key a group has, as the last participant's leaving deletes them all.
     */
    public List<String> membershipKeys(String conversationId) {
        return List.of(sequence(conversationId), messages(conversationId), participants(conversationId),
                readMarkers(conversationId), meta(conversationId), activity(conversationId), joined(conversationId),
                left(conversationId), fence(conversationId), tombstone(conversationId), uncounted(conversationId),
                changes(conversationId), cleared(conversationId), ages(conversationId));
    }

    /**
     * The keys of a conversation's state, in the order mark_read.lua, conversation_state.lua and
     * conversation_summary.lua expect them.
     */
    public List<String> stateKeys(String conversationId) {
        return List.of(sequence(conversationId), messages(conversationId), participants(conversationId),
                readMarkers(conversationId), meta(conversationId), uncounted(conversationId), cleared(conversationId),
                ages(conversationId));
    }

    /**
     * A write a stream's catch-up read makes after reading, so that a WAIT can confirm replicas hold what it read:
     * {@code chat:{id}:fence}, expiring after a minute.
     */
    public String fence(String conversationId) {
        return key(conversationId, "fence");
    }

    /** The keys a timeline read touches, in the order read_page.lua expects them. */
    public List<String> readKeys(String conversationId) {
        return List.of(sequence(conversationId), messages(conversationId), participants(conversationId),
                fence(conversationId), meta(conversationId), joined(conversationId), cleared(conversationId),
                ages(conversationId));
    }

    /**
     * A rate-limit bucket of one user (or, without identification, one client address) for one kind of request:
     * {@code chat:{u:<subject>}:rate:<limit>}, in the subject's own slot.
     */
    public String rateLimit(String limit, String subject) {
        return namespace + ":{u:" + subject + "}:rate:" + limit;
    }

    /**
     * A user's inbox index, a sorted set of conversation ids scored by when the user was last added to each (epoch
     * milliseconds): {@code chat:{u:<user>}:conversations}, in the user's own slot. Only an index: the
     * conversation's participants set is the truth, and an entry it does not confirm is dropped on read.
     */
    public String inbox(String userId) {
        return namespace + ":{u:" + userId + "}:conversations";
    }

    /** The group a user's clientRequestId created, so that a retried creation finds it: in the user's slot. */
    public String groupRequest(String userId, String clientRequestId) {
        return namespace + ":{u:" + userId + "}:group-request:" + clientRequestId;
    }

    private String key(String conversationId, String suffix) {
        return namespace + ":{" + conversationId + "}:" + suffix;
    }
}
