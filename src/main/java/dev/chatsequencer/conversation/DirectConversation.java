package dev.chatsequencer.conversation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The permanent id of a pair's direct conversation, and the pair, sorted. */
record DirectConversation(
        @Schema(example = "dm_5d41402abc4b2a76b9719d911017c592") String conversationId,
        @Schema(example = "[\"alice\", \"bob\"]") List<String> participants) {
}
