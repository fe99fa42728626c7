package dev.chatsequencer.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chatsequencer.access.ConversationType;
import dev.chatsequencer.access.HistoryVisibility;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a client learns about a conversation: its kind, a group's title and owner, the last seq assigned in it, and
 * each participant's read marker.
 */
record ConversationView(
        @Schema(example = "dm_5d41402abc4b2a76b9719d911017c592") String conversationId,
        @Schema(description = "direct (two fixed participants), group (participants change in the timeline) or "
                + "open (no participants: anyone may post, in mode none only)",
                type = "string", allowableValues = {"direct", "group", "open"}) ConversationType type,
        @Schema(description = "A group's title; absent when it has none or is not a group", example = "Climbing")
        @JsonInclude(JsonInclude.Include.NON_NULL) String title,
        @Schema(description = "A group's owner, who may remove others; absent when not a group or when the owner "
                + "left it", example = "alice")
        @JsonInclude(JsonInclude.Include.NON_NULL) String ownerId,
        @Schema(description = "A group's history visibility: shared (a participant reads the whole timeline) or "
                + "joined (only from the entry that added them); absent when not a group",
                type = "string", allowableValues = {"shared", "joined"}) @JsonInclude(JsonInclude.Include.NON_NULL)
        HistoryVisibility historyVisibility,
        @Schema(description = "The last seq assigned, 0 if none", example = "42") long lastSeq,
        List<ReadMarker> participants) {
}
