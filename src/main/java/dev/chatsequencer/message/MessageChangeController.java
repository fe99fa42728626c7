package dev.chatsequencer.message;

import dev.chatsequencer.access.AccessExamples;
import dev.chatsequencer.access.Caller;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.ratelimit.Budgeted;
import dev.chatsequencer.ratelimit.RateLimiter;
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
import jakarta.validation.constraints.Positive;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Editing a message and deleting it for everyone: each change takes the conversation's next seq. */
@RestController
@RequestMapping(MessageController.PATH + "/{seq}")
@Tag(name = "Messages")
class MessageChangeController {

    private static final String SCHEMAS = "#/components/schemas/";

    private final MessageChanges changes;
    private final RateLimiter rateLimiter;
    private final MessageProperties messages;

    MessageChangeController(MessageChanges changes, RateLimiter rateLimiter, MessageProperties messagesProperties) {
        this.changes = changes;
        this.rateLimiter = rateLimiter;
        this.messages = messagesProperties;
    }

    @Operation(summary = "Edit a message", description = "Its sender sets a new text. The edit is a message-edited "
            + "entry at the conversation's next seq (with the new body), and the message reads with the new body "
            + "and editedAt wherever it is read. A retry with the body the last edit set finds that edit: 200, "
            + "nothing written.")
    @ApiResponse(responseCode = "201", description = "Edited now: the message-edited entry",
            headers = @Header(name = "Location", description = "URL of the message-edited entry",
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(ref = SCHEMAS + "MessageEditedEntry")))
    @ApiResponse(responseCode = "200", description = "A retry: the edit made before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(ref = SCHEMAS + "MessageEditedEntry")))
    @ProblemResponse(status = "403", description = "Someone other than the sender edits, or senderId is not the "
            + "caller; nothing is written", examples = {NotTheSender.class,
                AccessExamples.SenderIsNotTheCaller.class, AccessExamples.NotAParticipant.class})
    @ProblemResponse(status = "404", description = "No entry has that seq, or no such conversation for the caller",
            examples = {MessageController.MessageNotFound.class, AccessExamples.ConversationNotFound.class})
    @ProblemResponse(status = "409", description = "The entry is not a message, the message was deleted, or it has "
            + "taken chat.history.max-edits edits; nothing is written",
            examples = {NotAMessage.class, Deleted.class, EditLimit.class})
    @Budgeted(RateLimiter.Limit.POSTS)
    @PatchMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> edit(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @PathVariable @Positive long seq, @Valid @RequestBody EditMessageRequest request,
            @Parameter(hidden = true) Caller caller) {
        messages.checkLength(request.body());
        String actor = caller.requiredActor(request.senderId(), "senderId");
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.POSTS, actor);
        return answer(conversationId, limits, changes.edit(conversationId, actor, seq, request.body(),
                caller.identified()).orElseThrow(() -> caller.refusedIn(conversationId, actor)));
    }

    @Operation(summary = "Delete a message for everyone", description = "Its sender (within "
            + "chat.history.delete-window, unlimited by default) or a group's owner deletes it. The deletion is a "
            + "message-deleted entry at the conversation's next seq; the message keeps its seq and reads as "
            + "\"deleted\": true, without its body, and its text (and that of its edits) is erased from Redis. "
            + "Deleting a deleted message finds that deletion: 200, nothing written.")
    @ApiResponse(responseCode = "201", description = "Deleted now: the message-deleted entry",
            headers = @Header(name = "Location", description = "URL of the message-deleted entry",
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(ref = SCHEMAS + "MessageDeletedEntry")))
    @ApiResponse(responseCode = "200", description = "A retry: the deletion made before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(ref = SCHEMAS + "MessageDeletedEntry")))
    @ProblemResponse(status = "403", description = "Neither the sender nor a group's owner deletes, the sender's "
            + "delete window has passed, or senderId is not the caller; nothing is written", examples = {
                NotTheSender.class, WindowPassed.class, AccessExamples.SenderIsNotTheCaller.class,
                AccessExamples.NotAParticipant.class})
    @ProblemResponse(status = "404", description = "No entry has that seq, or no such conversation for the caller",
            examples = {MessageController.MessageNotFound.class, AccessExamples.ConversationNotFound.class})
    @ProblemResponse(status = "409", description = "The entry is not a message; nothing is written",
            examples = NotAMessage.class)
    @Budgeted(RateLimiter.Limit.POSTS)
    @DeleteMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> delete(@PathVariable @Identifier @Parameter(example = "dm_3f2a9c") String conversationId,
            @PathVariable @Positive long seq,
            @Parameter(description = "Who deletes: without authentication (mode none) required; else the caller")
            @RequestParam(required = false) @Identifier String senderId, @Parameter(hidden = true) Caller caller) {
        String actor = caller.requiredActor(senderId, "senderId");
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.POSTS, actor);
        return answer(conversationId, limits, changes.delete(conversationId, actor, seq, caller.identified())
                .orElseThrow(() -> caller.refusedIn(conversationId, actor)));
    }

    private static ResponseEntity<byte[]> answer(String conversationId, HttpHeaders limits,
            MessageChanges.Changed changed) {
        return MessageController.appended(conversationId, changed.seq(), changed.json(), changed.created(), limits);
    }

    /** An edit or deletion by someone else, as the API documents it. */
    static final class NotTheSender implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return MessageChangeRefusedException.notTheSender(7, "bob", true).getBody();
        }
    }

    static final class NotAMessage implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return MessageChangeRefusedException.notAMessage(2).getBody();
        }
    }

    static final class Deleted implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return MessageChangeRefusedException.deleted(7).getBody();
        }
    }

    /** At the configured limit. */
    static final class EditLimit implements ProblemExample {

        private final HistoryProperties history;

        EditLimit(HistoryProperties history) {
            this.history = history;
        }

        @Override
        public ProblemDetail problem() {
            return MessageChangeRefusedException.editLimit(7, history.maxEdits()).getBody();
        }
    }

    /** At the configured window. */
    static final class WindowPassed implements ProblemExample {

        private final HistoryProperties history;

        WindowPassed(HistoryProperties history) {
            this.history = history;
        }

        @Override
        public ProblemDetail problem() {
            return MessageChangeRefusedException.windowPassed(7, history.deleteWindow()).getBody();
        }
    }
}
