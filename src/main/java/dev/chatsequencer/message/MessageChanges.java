package dev.chatsequencer.message;

import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.storage.MemberTemplate;
import dev.chatsequencer.storage.MessageChangeOutcome;
import dev.chatsequencer.timeline.EntryType;
import dev.chatsequencer.timeline.TimelineCodec;
import dev.chatsequencer.timeline.TimelineReader;
import dev.chatsequencer.timeline.TimelineWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Edits and deletions of messages, each a change entry at the next seq on the timeline's one write path
 * (change_message.lua). Retries are safe by a natural key, no client id needed: an edit to the body the last edit set,
 * or a deletion of a deleted message, finds the change made and writes nothing.
 */
@Component
class MessageChanges {

    private final LuaScripts scripts;
    private final TimelineWriter writer;
    private final TimelineReader timeline;
    private final TimelineCodec codec;
    private final HistoryProperties history;
    private final Clock clock;

    MessageChanges(LuaScripts scripts, TimelineWriter writer, TimelineReader timeline, TimelineCodec codec,
            HistoryProperties history, Clock clock) {
        this.scripts = scripts;
        this.writer = writer;
        this.timeline = timeline;
        this.codec = codec;
        this.history = history;
        this.clock = clock;
    }

    /**
     * {@code actor} sets the text of their message at {@code seq} to {@code body}.
     *
     * @return empty when the actor may not act in the conversation (nothing was written)
     */
    Optional<Changed> edit(String conversationId, String actor, long seq, String body, boolean membersOnly) {
        return change(conversationId, actor, seq, body, membersOnly, false);
    }

    /**
     * {@code actor} deletes the message at {@code seq} for everyone: its sender within the delete window, a group's
     * owner any time.
     *
     * @return empty when the actor may not act in the conversation (nothing was written)
     */
    Optional<Changed> delete(String conversationId, String actor, long seq, boolean membersOnly) {
        boolean windowPassed = history.limitsDeletion()
                && timeline.entry(conversationId, seq, membersOnly ? actor : null)
                        .map(message -> history.windowPassed(message.sentAt(), clock.instant())).orElse(false);
        return change(conversationId, actor, seq, null, membersOnly, windowPassed);
    }

    private Optional<Changed> change(String conversationId, String actor, long seq, String body, boolean membersOnly,
            boolean windowPassed) {
        boolean edit = body != null;
        EntryType type = edit ? EntryType.MESSAGE_EDITED : EntryType.MESSAGE_DELETED;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MemberTemplate entry = codec.change(type, actor, seq, body, at);
        MessageChangeOutcome outcome = writer.append(conversationId, type, doorbell -> scripts.changeMessage(
                conversationId, actor, seq, entry, at, membersOnly, edit ? codec.jsonValue(body) : null,
                edit ? codec.jsonValue(at) : null, windowPassed, history.maxEdits(), doorbell));
        if (outcome instanceof MessageChangeOutcome.Changed changed) {
            return Optional.of(new Changed(changed.seq(), codec.apiJson(conversationId,
                    changed.member().getBytes(StandardCharsets.UTF_8)), changed.now()));
        }
        return switch (((MessageChangeOutcome.Refused) outcome).refusal()) {
            case NOT_A_PARTICIPANT -> Optional.empty();
            case NO_SUCH_ENTRY -> throw new MessageNotFoundException(conversationId, seq);
            case NOT_A_MESSAGE -> throw MessageChangeRefusedException.notAMessage(seq);
            case DELETED -> throw MessageChangeRefusedException.deleted(seq);
            case NOT_ALLOWED -> throw MessageChangeRefusedException.notTheSender(seq, actor, edit);
            case WINDOW_PASSED -> throw MessageChangeRefusedException.windowPassed(seq, history.deleteWindow());
            case EDIT_LIMIT -> throw MessageChangeRefusedException.editLimit(seq, history.maxEdits());
        };
    }

    /** The change entry, as the API's JSON, and whether this request made it (false: a retry found it). */
    record Changed(long seq, byte[] json, boolean created) {
    }
}
