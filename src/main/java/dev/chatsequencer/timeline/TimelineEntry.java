package dev.chatsequencer.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a conversation's timeline, a message or a change of a group's membership; {@code seq} orders it,
 * {@code sentAt} is informational server time.
 */
@Schema(name = "Message", description = "A timeline entry: a message, or a change of a group's membership")
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String title) {

    /** A message a user posted. */
    public static TimelineEntry posted(String conversationId, long seq, String senderId, String body,
            String clientMessageId, Instant sentAt) {
        return new TimelineEntry(conversationId, seq, EntryType.MESSAGE, senderId, body, clientMessageId, sentAt, null,
                null, null);
    }

    /** True for the entry that removed {@code userId}: their streams end with it. */
    public boolean removes(String userId) {
        return type == EntryType.PARTICIPANT_REMOVED && userId != null && userId.equals(this.userId);
    }
}
