package dev.chatsequencer.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a conversation's timeline, a message or a change of a group's membership; {@code seq} orders it,
 * {@code sentAt} is informational server time.
 */
@Schema(name = "Message", description = "A timeline entry: a message, a change of a message, or a change of a "
        + "group's membership")
public record TimelineEntry(
        @Schema(example = "dm_3f2a9c") String conversationId,
        @Schema(description = "Position in the conversation: 1, 2, 3, ... with no gaps", example = "42") long seq,
        @Schema(description = "What the timeline entry is; clients skip types they do not know",
                example = "message") EntryType type,
        @Schema(description = "Who posted it, or who made the membership change", example = "alice") String senderId,
        @Schema(description = "The text; messages only", example = "Hi Bob!")
        @JsonInclude(JsonInclude.Include.NON_NULL) String body,
        @Schema(description = "The client's id, or null when the post had none", example = "a1b2c3-0001",
                nullable = true) String clientMessageId,
        @Schema(description = "Server time of the post, ISO-8601 UTC; for display only, never for ordering",
                example = "2026-11-28T13:23:09.176Z") Instant sentAt,
        @Schema(description = "Who was added or removed; participant-added and participant-removed only",
                example = "carol") @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
        @Schema(description = "Who was in the group when it was created; group-created only",
                example = "[\"alice\", \"bob\"]") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<String> participants,
        @Schema(description = "The group's title when it was created; group-created only", example = "Climbing")
        @JsonInclude(JsonInclude.Include.NON_NULL) String title,
        @Schema(description = "The seq of the message an edit or a deletion changed; message-edited and "
                + "message-deleted only", example = "41") @JsonInclude(JsonInclude.Include.NON_NULL) Long targetSeq,
        @Schema(description = "When the message was last edited (server time); an edited message only",
                example = "2026-11-28T13:25:40.002Z") @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @Schema(description = "True for a message deleted for everyone: it keeps its seq, its text is gone",
                example = "true") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleted) {

    /** A message a user posted. */
    public static TimelineEntry posted(String conversationId, long seq, String senderId, String body,
            String clientMessageId, Instant sentAt) {
        return new TimelineEntry(conversationId, seq, EntryType.MESSAGE, senderId, body, clientMessageId, sentAt, null,
                null, null, null, null, null);
    }

    /**
     * A membership entry: {@code participants} and {@code title} for {@link EntryType#GROUP_CREATED}, {@code userId}
     * for the others.
     */
    public static TimelineEntry membership(String conversationId, long seq, EntryType type, String senderId,
            String userId, List<String> participants, String title, Instant sentAt) {
        return new TimelineEntry(conversationId, seq, type, senderId, null, null, sentAt, userId, participants, title,
                null, null, null);
    }

    /** True for the entry that removed {@code userId}: their streams end with it. */
    public boolean removes(String userId) {
        return type == EntryType.PARTICIPANT_REMOVED && userId != null && userId.equals(this.userId);
    }
}
