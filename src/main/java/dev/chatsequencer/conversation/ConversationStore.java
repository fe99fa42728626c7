package dev.chatsequencer.conversation;

import dev.chatsequencer.redis.ConversationKeys;
import dev.chatsequencer.redis.LuaScripts;
import dev.chatsequencer.redis.ReplicaAcknowledgement;
import dev.chatsequencer.redis.LuaScripts.MarkOutcome;
import dev.chatsequencer.redis.LuaScripts.StoredState;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Participants and read markers of conversations in Redis. */
@Component
class ConversationStore {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;
    private final LuaScripts scripts;
    private final ReplicaAcknowledgement replicas;

    ConversationStore(StringRedisTemplate redis, ConversationKeys keys, LuaScripts scripts,
            ReplicaAcknowledgement replicas) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = scripts;
        this.replicas = replicas;
    }

    /** Records the participants, confirmed by replicas where configured; returns false when recorded before. */
    boolean recordParticipants(String conversationId, List<String> participants) {
        Long added = redis.opsForSet().add(keys.participants(conversationId), participants.toArray(String[]::new));
        replicas.confirm(keys.participants(conversationId));
        return added != null && added > 0;
    }

    /**
     * The conversation's participants with their markers; for an open conversation, only {@code alsoUser}'s.
     *
     * @throws ConversationNotFoundException when an identified caller is not a participant
     */
    State state(String conversationId, String alsoUser, Caller caller) {
        StoredState stored = scripts.state(conversationId, alsoUser, caller.reader())
                .orElseThrow(() -> new ConversationNotFoundException(conversationId));
        List<ReadMarker> markers = stored.markers().stream()
                .map(marker -> ReadMarker.of(marker.userId(), marker.readSeq(), stored.lastSeq())).toList();
        return new State(stored.lastSeq(), markers);
    }

    /**
     * Moves a user's marker forward, capped at the last seq.
     *
     * @throws ConversationNotFoundException when an identified caller is not a participant
     * @throws NotAParticipantException without identification, when the conversation has participants and the
     *         user is not one
     */
    ReadMarker markRead(String conversationId, String userId, long seq, Caller caller) {
        MarkOutcome outcome = scripts.markRead(conversationId, userId, seq, caller.identified());
        if (outcome instanceof MarkOutcome.Marked marked) {
            return ReadMarker.of(userId, marked.readSeq(), marked.lastSeq());
        }
        throw caller.refusedIn(conversationId, userId);
    }

    /** A conversation's last seq and the markers read with it in one consistent step. */
    record State(long lastSeq, List<ReadMarker> markers) {
    }
}
