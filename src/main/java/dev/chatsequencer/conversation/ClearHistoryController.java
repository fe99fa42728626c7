package dev.chatsequencer.conversation;

import dev.chatsequencer.access.AccessExamples;
import dev.chatsequencer.access.Caller;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.access.ParticipantsOnly;
import dev.chatsequencer.ratelimit.Budgeted;
import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Clearing a conversation's history for the caller only: the others, the counter and the id stay as they are. */
@RestController
@Tag(name = "Conversations")
class ClearHistoryController {

    private final ConversationStore store;
    private final RateLimiter rateLimiter;

    ClearHistoryController(ConversationStore store, RateLimiter rateLimiter) {
        this.store = store;
        this.rateLimiter = rateLimiter;
    }

    @Operation(summary = "Clear a conversation's history for the caller", description = "Hides the entries up to "
            + "throughSeq (default: the last seq) from the caller only, on all their devices, and marks them read. "
            + "Others see everything; the counter and the conversation id stay (a direct pair opened again gets "
            + "the same id). The caller's pages name the range as missing (reason cleared), a single read of a "
            + "cleared entry is a 404, and streams start after it. A clear only moves forward. Without caller "
            + "identification (mode none) reads identify nobody, so nothing is hidden there.")
    @ApiResponse(responseCode = "200", description = "How far the history is cleared now")
    @ProblemResponse(status = "403", description = "senderId is not the caller (or, without identification, the "
            + "user is not a participant of this direct conversation); nothing is stored", examples = {
                AccessExamples.SenderIsNotTheCaller.class, AccessExamples.NotAParticipant.class})
    @ParticipantsOnly
    @Budgeted(RateLimiter.Limit.POSTS)
    @PostMapping(path = "/v1/conversations/{conversationId}/clear", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClearedHistory> clear(
            @PathVariable @Identifier @Parameter(example = "dm_95b6c4721fa54608b418c4b7cf86a32b") String conversationId,
            @Valid @RequestBody ClearHistoryRequest request, @Parameter(hidden = true) Caller caller) {
        String user = caller.requiredActor(request.senderId(), "senderId");
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.POSTS, user);
        return ResponseEntity.ok().headers(limits).body(store.clear(conversationId, user, request.throughSeq(),
                caller.identified()).orElseThrow(() -> caller.refusedIn(conversationId, user)));
    }
}
