package dev.chatsequencer.conversation;

import dev.chatsequencer.redis.ConversationKeys;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** Participants and read markers of conversations in Redis. */
@Component
class ConversationStore {

    private final StringRedisTemplate redis;
    private final ConversationKeys keys;
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> markReadScript;
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> conversationStateScript;

    @SuppressWarnings("rawtypes")
    ConversationStore(StringRedisTemplate redis, ConversationKeys keys, RedisScript<List> markReadScript,
            RedisScript<List> conversationStateScript) {
        this.redis = redis;
        this.keys = keys;
        this.markReadScript = markReadScript;
        this.conversationStateScript = conversationStateScript;
    }

    /** Records the participants; returns false when they were recorded before. */
    boolean recordParticipants(String conversationId, List<String> participants) {
        Long added = redis.opsForSet().add(keys.participants(conversationId), participants.toArray(String[]::new));
        return added != null && added > 0;
    }

    /** The conversation's participants with their markers; for an open conversation, only {@code alsoUser}'s. */
    State state(String conversationId, String alsoUser) {
        List<?> result = redis.execute(conversationStateScript, keys.stateKeys(conversationId),
                alsoUser == null ? "" : alsoUser);
        long lastSeq = (Long) result.get(0);
        List<ReadMarker> markers = new ArrayList<>();
        for (int i = 1; i + 1 < result.size(); i += 2) {
            markers.add(ReadMarker.of((String) result.get(i), (Long) result.get(i + 1), lastSeq));
        }
        return new State(lastSeq, markers);
    }

    /**
     * Moves a user's marker forward, capped at the last seq.
     *
     * @throws NotAParticipantException when the conversation has participants and the user is not one
     */
    ReadMarker markRead(String conversationId, String userId, long seq) {
        List<?> result = redis.execute(markReadScript, keys.stateKeys(conversationId), userId, Long.toString(seq));
        long readSeq = (Long) result.get(0);
        if (readSeq < 0) {
            throw new NotAParticipantException(conversationId, userId);
        }
        return ReadMarker.of(userId, readSeq, (Long) result.get(1));
    }

    /** A conversation's last seq and the markers read with it in one consistent step. */
    record State(long lastSeq, List<ReadMarker> markers) {
    }
}
