package dev.chatsequencer.conversation;

import dev.chatsequencer.message.MessageStore;
import dev.chatsequencer.web.Identifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads a conversation's state. */
@RestController
class ConversationController {

    private final MessageStore messages;

    ConversationController(MessageStore messages) {
        this.messages = messages;
    }

    @GetMapping("/v1/conversations/{conversationId}")
    ConversationView get(@PathVariable @Identifier String conversationId) {
        return new ConversationView(conversationId, messages.lastSeq(conversationId));
    }
}
