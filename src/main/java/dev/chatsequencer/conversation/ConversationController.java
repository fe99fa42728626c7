package dev.chatsequencer.conversation;

import dev.chatsequencer.access.AccessExamples;
import dev.chatsequencer.access.Caller;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.access.NotTheCallerException;
import dev.chatsequencer.access.ParticipantsOnly;
import dev.chatsequencer.ratelimit.Budgeted;
import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.web.openapi.ProblemExample;
import dev.chatsequencer.web.openapi.ProblemResponse;
import dev.chatsequencer.web.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Direct conversations, conversation state and read markers. */
@RestController
@Tag(name = "Conversations", description = "Direct conversations, conversation state and read markers")
class ConversationController {

    static final String READ_MARKER_PATH = "/v1/conversations/{conversationId}/read-markers/{userId}";

    private final ConversationStore store;
    private final DirectConversationIds ids;
    private final RateLimiter rateLimiter;

    ConversationController(ConversationStore store, DirectConversationIds ids, RateLimiter rateLimiter) {
        this.store = store;
        this.ids = ids;
        this.rateLimiter = rateLimiter;
    }

    @Operation(summary = "Open the direct conversation of two users", description = "The id is derived from the "
            + "unordered pair: the same two users always get the same id, whoever asks and whenever. Only the two "
            + "participants may see and post to it, and only they may open it. Calling again is harmless.")
    @ApiResponse(responseCode = "201", description = "Recorded now",
            headers = @Header(name = "Location", description = "URL of the conversation",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "200", description = "Recorded before; same id")
    @ProblemResponse(status = "403", description = "The caller is not one of the two participants",
            examples = NotOneOfThePair.class)
    @Budgeted(RateLimiter.Limit.CONVERSATIONS)
    @PostMapping(path = "/v1/conversations/direct", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DirectConversation> direct(@Valid @RequestBody DirectConversationRequest request,
            @Parameter(hidden = true) Caller caller, HttpServletRequest http) {
        List<String> participants = request.participants().stream().sorted().toList();
        if (participants.get(0).equals(participants.get(1))) {
            throw new InvalidRequestException("participants", "must be two different user ids");
        }
        if (caller.identified() && !participants.contains(caller.userId())) {
            throw notOneOfThePair(caller.userId());
        }
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.CONVERSATIONS,
                RateLimiter.subject(caller.userId(), http.getRemoteAddr()));
        String conversationId = ids.idOf(participants.get(0), participants.get(1));
        DirectConversation body = new DirectConversation(conversationId, participants);
        if (store.recordParticipants(conversationId, participants)) {
            return ResponseEntity.created(URI.create("/v1/conversations/" + conversationId)).headers(limits)
                    .body(body);
        }
        return ResponseEntity.ok().headers(limits).body(body);
    }

    @Operation(summary = "Read a conversation's state", description = "Its kind, lastSeq, a group's title and "
            + "owner, and each participant's readSeq and unreadCount. Without caller identification (mode none) "
            + "an unknown conversation is open with lastSeq 0.")
    @ApiResponse(responseCode = "200", description = "The conversation")
    @ParticipantsOnly
    @GetMapping("/v1/conversations/{conversationId}")
    ConversationView get(@PathVariable @Identifier @Parameter(example = "dm_demo") String conversationId,
            @Parameter(hidden = true) Caller caller) {
        ConversationStore.State state = store.state(conversationId, caller.reader());
        return new ConversationView(conversationId, state.type(), state.title(), state.ownerId(),
                state.historyVisibility(), state.lastSeq(), state.markers());
    }

    @Operation(summary = "Record how far a user has read", description = "The marker only moves forward (an older "
            + "seq leaves it unchanged) and is capped at the conversation's lastSeq. A caller sets only their own.")
    @ApiResponse(responseCode = "200", description = "The marker after the update")
    @ProblemResponse(status = "403", description = "The marker is not the caller's own (or, without identification, "
            + "the user is not a participant of this direct conversation); nothing is stored",
            examples = {AccessExamples.UserIsNotTheCaller.class, AccessExamples.NotAParticipant.class})
    @ParticipantsOnly
    @PutMapping(path = READ_MARKER_PATH,
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ReadMarker markRead(@PathVariable @Identifier @Parameter(example = "dm_demo") String conversationId,
            @PathVariable @Identifier @Parameter(example = "alice") String userId,
            @Valid @RequestBody ReadMarkerRequest request, @Parameter(hidden = true) Caller caller) {
        String reader = caller.actingAs(userId, "userId");
        return store.markRead(conversationId, reader, request.seq(), caller.identified())
                .orElseThrow(() -> caller.refusedIn(conversationId, reader));
    }

    @Operation(summary = "Read a user's read marker", description = "How far the user has read (readSeq) and how "
            + "many messages are unread, against the conversation's lastSeq. Participants see each other's.")
    @ApiResponse(responseCode = "200", description = "The marker; readSeq 0 if the user never read")
    @ParticipantsOnly
    @GetMapping(READ_MARKER_PATH)
    ReadMarker readMarker(@PathVariable @Identifier @Parameter(example = "dm_demo") String conversationId,
            @PathVariable @Identifier @Parameter(example = "alice") String userId,
            @Parameter(hidden = true) Caller caller) {
        return store.marker(conversationId, userId, caller.reader());
    }

    /** An identified caller opening a direct conversation of two other users. */
    static NotTheCallerException notOneOfThePair(String caller) {
        return new NotTheCallerException("The caller '" + caller + "' is not one of the participants; a user opens "
                + "only their own direct conversations.");
    }

    /** The problem of {@link #notOneOfThePair}, as the API documents it. */
    static final class NotOneOfThePair implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return notOneOfThePair("carol").getBody();
        }
    }
}
