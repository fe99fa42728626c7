package dev.chatsequencer.conversation;

import dev.chatsequencer.message.MessageStore;
import dev.chatsequencer.web.Identifier;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads a conversation's state. */
@RestController
@Tag(name = "Conversations", description = "Conversation state")
class ConversationController {

    private final MessageStore messages;

    ConversationController(MessageStore messages) {
        this.messages = messages;
    }

    @Operation(summary = "Read a conversation's state", description = "An unknown conversation has lastSeq 0.")
    @ApiResponse(responseCode = "200", description = "The conversation")
    @GetMapping("/v1/conversations/{conversationId}")
    ConversationView get(@PathVariable @Identifier String conversationId) {
        return new ConversationView(conversationId, messages.lastSeq(conversationId));
    }
}
