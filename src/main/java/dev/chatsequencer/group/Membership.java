package dev.chatsequencer.group;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user's membership of a group after a change, and the seq of the entry that made it. */
record Membership(
        @Schema(example = "gr_9f86d081884c7d659a2feaa0c55ad015") String conversationId,
        @Schema(example = "dave") String userId,
        @Schema(description = "Whether the user is a participant now") boolean participant,
        @Schema(description = "The seq of the entry that made the change; when nothing changed (the user was in "
                + "already), the group's last seq", example = "7") long seq,
        @Schema(description = "Whether this request changed the membership (false: it was so already)")
        boolean changed) {
}
