package dev.chatsequencer.message;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.conversation.Caller;
import dev.chatsequencer.conversation.Identifier;
import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import org.springframework.http.HttpHeaders;
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
@RequestMapping(MessageController.PATH)
@Tag(name = "Messages", description = "Post messages and read a conversation's timeline, ordered by seq")
class MessageController {

    static final String PATH = "/v1/conversations/{conversationId}/messages";
    static final int MAX_PAGE_SIZE = 200;

    private final MessageStore store;
    private final RateLimiter rateLimiter;
    private final int maxBodyLength;

    MessageController(MessageStore store, RateLimiter rateLimiter, ChatProperties properties) {
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.maxBodyLength = properties.messages().maxBodyLength();
    }

    @Operation(summary = "Post a message", description = "Assigns the conversation's next seq atomically. A retry "
            + "with the same clientMessageId from the same sender returns the original message with 200 and "
            + "consumes no seq.")
    @ApiResponse(responseCode = "201", description = "Stored with a new seq",
            headers = @Header(name = "Location", description = "URL of the new message",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "200", description = "A retry: the message stored by the original post")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Message> post(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @Valid @RequestBody PostMessageRequest request, @Parameter(hidden = true) Caller caller) {
        if (request.body().codePointCount(0, request.body().length()) > maxBodyLength) {
            throw new InvalidRequestException("body", "must be at most " + maxBodyLength + " characters");
        }
        String sender = caller.requiredActor(request.senderId(), "senderId");
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.POSTS, sender);
        PostResult result = store.append(conversationId, sender, request, caller);
        if (!result.created()) {
            return ResponseEntity.ok().headers(limits).body(result.message());
        }
        URI location = URI.create("/v1/conversations/" + conversationId + "/messages/" + result.message().seq());
        return ResponseEntity.created(location).headers(limits).body(result.message());
    }

    @Operation(summary = "Read a page of the timeline", description = "With `after`, the page starts just after it, "
            + "oldest first; without it, the page is the newest messages below `before` (or the newest overall). "
            + "Messages are always in ascending seq. A page holds at most chat.timeline.max-page-bytes of entries "
            + "(256 KB by default) and always at least one, so it may hold fewer than `limit`; hasMore says there "
            + "is more. Without caller identification (mode none) an unknown conversation is an empty page with "
            + "lastSeq 0.")
    @ApiResponse(responseCode = "200", description = "The page", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TimelinePage.class)))
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> page(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @Parameter(description = "Exclusive lower seq bound") @RequestParam(required = false) @PositiveOrZero
            Long after,
            @Parameter(description = "Exclusive upper seq bound") @RequestParam(required = false) @Positive
            Long before,
            @Parameter(description = "Page size, 1-200") @RequestParam(defaultValue = "50") @Min(1)
            @Max(MAX_PAGE_SIZE) int limit, @Parameter(hidden = true) Caller caller) {
        // The stored members are spliced into the page as they are (MessageStore.pageJson): no parse, no re-encode.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(store.pageJson(conversationId, after, before, limit, caller));
    }

    @Operation(summary = "Read one message by seq", description = "The message stored at that seq, exactly as the "
            + "timeline holds it.")
    @ApiResponse(responseCode = "200", description = "The message")
    @GetMapping("/{seq}")
    Message one(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @PathVariable @Positive long seq, @Parameter(hidden = true) Caller caller) {
        return store.find(conversationId, seq, caller)
                .orElseThrow(() -> new MessageNotFoundException(conversationId, seq));
    }
}
