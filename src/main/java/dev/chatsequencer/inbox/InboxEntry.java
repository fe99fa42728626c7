package dev.chatsequencer.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.chatsequencer.access.ConversationType;
import dev.chatsequencer.timeline.TimelineEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One conversation in a user's inbox: what it is, how far the user has read, and its last entry (the API's JSON of it,
 * spliced by the timeline codec like every entry the API shows).
 */
record InboxEntry(
        @Schema(example = "gr_9f86d081884c7d659a2feaa0c55ad015") String conversationId,
        @Schema(type = "string", allowableValues = {"direct", "group"}, example = "group") ConversationType type,
        @Schema(description = "A group's title; absent for a direct conversation or a group without one",
                example = "Climbing") @JsonInclude(JsonInclude.Include.NON_NULL) String title,
        @Schema(description = "The last seq assigned, 0 if none", example = "42") long lastSeq,
        @Schema(description = "How far the user has read", example = "40") long readSeq,
        @Schema(description = "Messages after readSeq that the user has not read: every entry after it but "
                + "membership changes", example = "2") long unreadCount,
        @Schema(description = "When the last entry was written, or a direct conversation without one opened "
                + "(server time); null when neither is recorded",
                example = "2026-11-28T13:23:09.176Z", nullable = true) Instant lastActivityAt,
        @Schema(description = "The last entry of the timeline; null when it has none", nullable = true,
                implementation = TimelineEntry.class) @JsonRawValue String lastEntry) {
}
