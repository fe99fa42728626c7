package dev.chatsequencer.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chatsequencer.access.ConversationType;
import dev.chatsequencer.access.HistoryVisibility;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A group as it was created: its id, title, owner and participants (sorted). */
record GroupView(
        @Schema(example = "gr_9f86d081884c7d659a2feaa0c55ad015") String conversationId,
        @Schema(type = "string", allowableValues = "group", example = "group") ConversationType type,
        @Schema(description = "Absent when the group has none", example = "Climbing")
        @JsonInclude(JsonInclude.Include.NON_NULL) String title,
        @Schema(description = "The creator, who may remove others", example = "alice") String ownerId,
        @Schema(description = "shared: every participant reads the whole timeline; joined: from the entry that added "
                + "them", type = "string", allowableValues = {"shared", "joined"}, example = "shared")
        HistoryVisibility historyVisibility,
        @Schema(example = "[\"alice\", \"bob\", \"carol\"]") List<String> participants) {
}
