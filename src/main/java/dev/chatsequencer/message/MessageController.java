package dev.chatsequencer.message;

import dev.chatsequencer.access.AccessExamples;
import dev.chatsequencer.access.Caller;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.access.ParticipantsOnly;
import dev.chatsequencer.ratelimit.Budgeted;
import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.timeline.EntryExpiredException;
import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelinePage;
import dev.chatsequencer.timeline.TimelineReader;
import dev.chatsequencer.web.openapi.ProblemExample;
import dev.chatsequencer.web.openapi.ProblemResponse;
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
import org.springframework.http.ProblemDetail;
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
    /** A post answers with the message it stored, never another type of entry. */
    private static final String MESSAGE_ENTRY = "#/components/schemas/MessageEntry";

    private final MessageStore store;
    private final TimelineReader timeline;
    private final RateLimiter rateLimiter;
    private final MessageProperties messages;

    MessageController(MessageStore store, TimelineReader timeline, RateLimiter rateLimiter,
            MessageProperties messagesProperties) {
        this.store = store;
        this.timeline = timeline;
        this.rateLimiter = rateLimiter;
        this.messages = messagesProperties;
    }

    @Operation(summary = "Post a message", description = "Assigns the conversation's next seq atomically. A retry "
            + "with the same clientMessageId from the same sender returns the original message with 200 and "
            + "consumes no seq.")
    @ApiResponse(responseCode = "201", description = "Stored with a new seq",
            headers = @Header(name = "Location", description = "URL of the new message",
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(ref = MESSAGE_ENTRY)))
    @ApiResponse(responseCode = "200", description = "A retry: the message stored by the original post",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(ref = MESSAGE_ENTRY)))
    @ProblemResponse(status = "403", description = "senderId is not the caller (or, without identification, the "
            + "sender is not a participant of this direct conversation); nothing is stored",
            examples = {AccessExamples.SenderIsNotTheCaller.class, AccessExamples.NotAParticipant.class})
    @ParticipantsOnly
    @ProblemResponse(status = "410", description = "A retry whose message retention has removed since; seq is where "
            + "it was, and nothing is stored again", examples = EntryExpiredException.Example.class)
    @ProblemResponse(status = "422", description = "The clientMessageId was already used for a different body; seq "
            + "is where the original is", examples = IdempotencyConflict.class)
    @Budgeted(RateLimiter.Limit.POSTS)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> post(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @Valid @RequestBody PostMessageRequest request, @Parameter(hidden = true) Caller caller) {
        messages.checkLength(request.body());
        String sender = caller.requiredActor(request.senderId(), "senderId");
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.POSTS, sender);
        MessageStore.Posted posted = store.append(conversationId, sender, request, caller.identified())
                .orElseThrow(() -> caller.refusedIn(conversationId, sender));
        return appended(conversationId, posted.seq(), posted.json(), posted.created(), limits);
    }

    /**
     * The answer to a write of a timeline entry: 201 with its Location when written now, else 200 (a retry found
     * it); the entry's JSON as spliced, with the caller's budget headers.
     */
    static ResponseEntity<byte[]> appended(String conversationId, long seq, byte[] json, boolean created,
            HttpHeaders limits) {
        ResponseEntity.BodyBuilder answer = created ? ResponseEntity.created(URI.create(PATH.replace(
                "{conversationId}", conversationId) + "/" + seq)) : ResponseEntity.ok();
        return answer.headers(limits).contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @Operation(summary = "Read a page of the timeline", description = "With `after`, the page starts just after it, "
            + "oldest first; without it, the page is the newest messages below `before` (or the newest overall). "
            + "Messages are always in ascending seq. A page holds at most chat.timeline.max-page-bytes of entries "
            + "(256 KB by default) and always at least one, so it may hold fewer than `limit`; hasMore says there "
            + "is more. Without caller identification (mode none) an unknown conversation is an empty page with "
            + "lastSeq 0.")
    @ApiResponse(responseCode = "200", description = "The page", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TimelinePage.class)))
    @ParticipantsOnly
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> page(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @Parameter(description = "Exclusive lower seq bound") @RequestParam(required = false) @PositiveOrZero
            Long after,
            @Parameter(description = "Exclusive upper seq bound") @RequestParam(required = false) @Positive
            Long before,
            @Parameter(description = "Page size, 1-200") @RequestParam(defaultValue = "50") @Min(1)
            @Max(MAX_PAGE_SIZE) int limit, @Parameter(hidden = true) Caller caller) {
        // The stored members are spliced into the page as they are (TimelineCodec): no parse, no re-encode.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(timeline.pageJson(conversationId, after, before, limit, caller.reader()));
    }

    @Operation(summary = "Read one message by seq", description = "The message stored at that seq, exactly as the "
            + "timeline holds it.")
    @ApiResponse(responseCode = "200", description = "The message", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TimelineEntry.class)))
    @ProblemResponse(status = "404", description = "No message has that seq, or no such conversation for the caller",
            examples = {MessageNotFound.class, AccessExamples.ConversationNotFound.class})
    @GetMapping(path = "/{seq}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> one(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @PathVariable @Positive long seq, @Parameter(hidden = true) Caller caller) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(timeline
                .entryJson(conversationId, seq, caller.reader())
                .orElseThrow(() -> new MessageNotFoundException(conversationId, seq)));
    }

    /** A retry whose clientMessageId was used for another body, as the API documents it. */
    static final class IdempotencyConflict implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new IdempotencyConflictException("a-1", 1).getBody();
        }
    }

    /** No entry at the seq, as the API documents it. */
    static final class MessageNotFound implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new MessageNotFoundException(AccessExamples.CONVERSATION, 7).getBody();
        }
    }
}
