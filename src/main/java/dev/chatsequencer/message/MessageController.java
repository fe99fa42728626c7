package dev.chatsequencer.message;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.web.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Posting to and reading a conversation's timeline. */
@RestController
@RequestMapping("/v1/conversations/{conversationId}/messages")
class MessageController {

    static final int MAX_PAGE_SIZE = 200;

    private final MessageStore store;
    private final int maxBodyLength;

    MessageController(MessageStore store, ChatProperties properties) {
        this.store = store;
        this.maxBodyLength = properties.messages().maxBodyLength();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Message> post(@PathVariable @Identifier String conversationId,
            @Valid @RequestBody PostMessageRequest request) {
        if (request.body().codePointCount(0, request.body().length()) > maxBodyLength) {
            throw new MessageTooLongException(maxBodyLength);
        }
        PostResult result = store.append(conversationId, request);
        if (!result.created()) {
            return ResponseEntity.ok(result.message());
        }
        URI location = URI.create("/v1/conversations/" + conversationId + "/messages/" + result.message().seq());
        return ResponseEntity.created(location).body(result.message());
    }

    @GetMapping
    TimelinePage page(@PathVariable @Identifier String conversationId,
            @RequestParam(required = false) @PositiveOrZero Long after,
            @RequestParam(required = false) @Positive Long before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int limit) {
        return store.page(conversationId, after, before, limit);
    }

    @GetMapping("/{seq}")
    Message one(@PathVariable @Identifier String conversationId, @PathVariable @Positive long seq) {
        return store.find(conversationId, seq).orElseThrow(() -> new MessageNotFoundException(conversationId, seq));
    }
}
