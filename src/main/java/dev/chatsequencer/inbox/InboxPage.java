package dev.chatsequencer.inbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a user's inbox, most recent activity first, and the cursor of the next page. */
record InboxPage(
        @Schema(example = "alice") String userId,
        List<InboxEntry> conversations,
        @Schema(description = "Pass as `cursor` for the next page; null on the last page", nullable = true,
                example = "MTc2NDMzNjE4OTE3NjpncF85Zjg2") String nextCursor) {
}
