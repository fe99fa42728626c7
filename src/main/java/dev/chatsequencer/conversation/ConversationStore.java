package dev.chatsequencer.conversation;

import dev.chatsequencer.access.ConversationNotFoundException;
import dev.chatsequencer.access.ConversationType;
import dev.chatsequencer.access.HistoryVisibility;
import dev.chatsequencer.group.GroupProperties;
import dev.chatsequencer.inbox.InboxIndex;
import dev.chatsequencer.redis.ReplicaAcknowledgement;
import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.storage.ConversationRecords;
import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.storage.MarkOutcome;
import dev.chatsequencer.storage.StoredState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Participants and read markers of conversations in Redis. */
@Component
class ConversationStore {

    private final ConversationRecords records;
    private final ConversationKeys keys;
    private final LuaScripts scripts;
    private final ReplicaAcknowledgement replicas;
    private final InboxIndex inbox;
    private final Clock clock;
    private final int maxParticipants;

    ConversationStore(ConversationRecords records, ConversationKeys keys, LuaScripts scripts,
            ReplicaAcknowledgement replicas, InboxIndex inbox, Clock clock, GroupProperties groupsProperties) {
        this.records = records;
        this.keys = keys;
        this.scripts = scripts;
        this.replicas = replicas;
        this.inbox = inbox;
        this.clock = clock;
        this.maxParticipants = groupsProperties.maxParticipants();
    }

    /**
     * Records the participants, and the opening as the conversation's first activity (what orders it in inboxes
     * before it has a message), confirmed by replicas where configured; then indexes the conversation in both users'
     * inboxes (also when recorded before: a retry repairs an indexing that failed). Returns false when recorded
     * before.
     */
    boolean recordParticipants(String conversationId, List<String> participants) {
        Instant now = clock.instant();
        boolean recorded = records.recordParticipants(conversationId, participants, now);
        replicas.confirm(keys.participants(conversationId));
        inbox.add(participants, conversationId, now);
        return recorded;
    }

    /**
     * The conversation's settings and participants with their markers.
     *
     * @throws ConversationNotFoundException when {@code reader} is given and is not a participant
     */
    State state(String conversationId, String reader) {
        return state(conversationId, null, maxParticipants, reader);
    }

    /**
     * One user's marker, participant or not.
     *
     * @throws ConversationNotFoundException when {@code reader} is given and is not a participant
     */
    ReadMarker marker(String conversationId, String userId, String reader) {
        State state = state(conversationId, userId, 0, reader);
        return state.markers().get(0);
    }

    private State state(String conversationId, String alsoUser, int maxUsers, String reader) {
        StoredState stored = scripts.state(conversationId, alsoUser, reader, maxUsers)
                .orElseThrow(() -> new ConversationNotFoundException(conversationId));
        List<ReadMarker> markers = stored.markers().stream()
                .map(marker -> new ReadMarker(marker.userId(), marker.readSeq(), marker.unread())).toList();
        return new State(stored.lastSeq(), stored.type(), stored.title(), stored.owner(),
                HistoryVisibility.ofWire(stored.history()),
                markers);
    }

    /**
     * Moves a user's marker forward, capped at the last seq.
     *
     * @param membersOnly the conversation must have participants, the user among them (a caller was identified)
     * @return empty when the user is not a participant (nothing was written)
     */
    Optional<ReadMarker> markRead(String conversationId, String userId, long seq, boolean membersOnly) {
        MarkOutcome outcome = scripts.markRead(conversationId, userId, seq, membersOnly);
        if (outcome instanceof MarkOutcome.Marked marked) {
            return Optional.of(new ReadMarker(userId, marked.readSeq(), marked.unread()));
        }
        return Optional.empty();
    }

    /**
     * Hides the conversation's entries up to {@code throughSeq} ({@code null}: all there are now) from {@code userId}
     * only, and marks them read.
     *
     * @return empty when the user is not a participant (nothing was written)
     */
    Optional<ClearedHistory> clear(String conversationId, String userId, Long throughSeq, boolean membersOnly) {
        return scripts.clearHistory(conversationId, userId, throughSeq, membersOnly).map(cleared ->
                new ClearedHistory(conversationId, userId, cleared.throughSeq(), cleared.lastSeq()));
    }

    /**
     * A conversation's last seq, a group's settings ({@code null} when not a group) and the markers read with it in
     * one consistent step.
     */
    record State(long lastSeq, String groupType, String title, String ownerId, HistoryVisibility historyVisibility,
            List<ReadMarker> markers) {

        /** group, direct (fixed participants) or open (none: anyone may post, in mode none only). */
        ConversationType type() {
            if (groupType != null) {
                return ConversationType.ofWire(groupType);
            }
            return markers.isEmpty() ? ConversationType.OPEN : ConversationType.DIRECT;
        }
    }
}
