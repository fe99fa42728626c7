package dev.chatsequencer.conversation;

import dev.chatsequencer.redis.ConversationKeys;
import dev.chatsequencer.redis.ConversationScripts;
import dev.chatsequencer.redis.ConversationScripts.MarkOutcome;
import dev.chatsequencer.redis.ConversationScripts.StoredState;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Participants and read markers of conversations in Redis. */
@Component
class ConversationStore {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;
    private final ConversationScripts scripts;

    ConversationStore(StringRedisTemplate redis, ConversationKeys keys, ConversationScripts scripts) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = scripts;
    }

    /** Records the participants; returns false when they were recorded before. */
    boolean recordParticipants(String conversationId, List<String> participants) {
        Long added = redis.opsForSet().add(keys.participants(conversationId), participants.toArray(String[]::new));
        return added != null && added > 0;
    }

    /** The conversation's participants with their markers; for an open conversation, only {@code alsoUser}'s. */
    State state(String conversationId, String alsoUser) {
        StoredState stored = scripts.state(conversationId, alsoUser);
        List<ReadMarker> markers = stored.markers().stream()
                .map(marker -> ReadMarker.of(marker.userId(), marker.readSeq(), stored.lastSeq())).toList();
        return new State(stored.lastSeq(), markers);
    }

    /**
     * Moves a user's marker forward, capped at the last seq.
     *
     * @throws NotAParticipantException when the conversation has participants and the user is not one
     */
    ReadMarker markRead(String conversationId, String userId, long seq) {
        MarkOutcome outcome = scripts.markRead(conversationId, userId, seq);
        if (outcome instanceof MarkOutcome.Marked marked) {
            return ReadMarker.of(userId, marked.readSeq(), marked.lastSeq());
        }
        throw new NotAParticipantException(conversationId, userId);
    }

    /** A conversation's last seq and the markers read with it in one consistent step. */
    record State(long lastSeq, List<ReadMarker> markers) {
    }
}
