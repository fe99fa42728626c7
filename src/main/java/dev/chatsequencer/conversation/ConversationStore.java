package dev.chatsequencer.conversation;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.redis.ConversationKeys;
import dev.chatsequencer.redis.InboxIndex;
import dev.chatsequencer.redis.LuaScripts;
import dev.chatsequencer.redis.LuaScripts.MarkOutcome;
import dev.chatsequencer.redis.LuaScripts.StoredState;
import dev.chatsequencer.redis.ReplicaAcknowledgement;
import java.time.Clock;
import java.time.Instant;
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
    private final InboxIndex inbox;
    private final Clock clock;
    private final int maxParticipants;

    ConversationStore(StringRedisTemplate redis, ConversationKeys keys, LuaScripts scripts,
            ReplicaAcknowledgement replicas, InboxIndex inbox, Clock clock, ChatProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.scripts = scripts;
        this.replicas = replicas;
        this.inbox = inbox;
        this.clock = clock;
        this.maxParticipants = properties.groups().maxParticipants();
    }

    /**
     * Records the participants, and the opening as the conversation's first activity (what orders it in inboxes
     * before it has a message), confirmed by replicas where configured; then indexes the conversation in both users'
     * inboxes (also when recorded before: a retry repairs an indexing that failed). Returns false when recorded
     * before.
     */
    boolean recordParticipants(String conversationId, List<String> participants) {
        Instant now = clock.instant();
        Long added = redis.opsForSet().add(keys.participants(conversationId), participants.toArray(String[]::new));
        redis.opsForValue().setIfAbsent(keys.activity(conversationId), Long.toString(now.toEpochMilli()));
        replicas.confirm(keys.participants(conversationId));
        inbox.add(participants, conversationId, now);
        return added != null && added > 0;
    }

    /**
     * The conversation's settings and participants with their markers.
     *
     * @throws ConversationNotFoundException when an identified caller is not a participant
     */
    State state(String conversationId, Caller caller) {
        return state(conversationId, null, maxParticipants, caller);
    }

    /**
     * One user's marker, participant or not.
     *
     * @throws ConversationNotFoundException when an identified caller is not a participant
     */
    ReadMarker marker(String conversationId, String userId, Caller caller) {
        State state = state(conversationId, userId, 0, caller);
        return state.markers().get(0);
    }

    private State state(String conversationId, String alsoUser, int maxUsers, Caller caller) {
        StoredState stored = scripts.state(conversationId, alsoUser, caller.reader(), maxUsers)
                .orElseThrow(() -> new ConversationNotFoundException(conversationId));
        List<ReadMarker> markers = stored.markers().stream()
                .map(marker -> ReadMarker.of(marker.userId(), marker.readSeq(), stored.lastSeq())).toList();
        return new State(stored.lastSeq(), stored.type(), stored.title(), stored.owner(), stored.history(),
                markers);
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

    /**
     * A conversation's last seq, a group's settings ({@code null} when not a group) and the markers read with it in
     * one consistent step.
     */
    record State(long lastSeq, String groupType, String title, String ownerId, String historyVisibility,
            List<ReadMarker> markers) {

        /** group, direct (fixed participants) or open (none: anyone may post, in mode none only). */
        String type() {
            if (groupType != null) {
                return groupType;
            }
            return markers.isEmpty() ? "open" : "direct";
        }
    }
}
