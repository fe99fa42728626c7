package dev.chatsequencer.group;

import dev.chatsequencer.access.AccessExamples;
import dev.chatsequencer.access.Caller;
import dev.chatsequencer.access.HistoryVisibility;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.access.ParticipantsOnly;
import dev.chatsequencer.ratelimit.Budgeted;
import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.timeline.EntryExpiredException;
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
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Creating groups and changing who is in them; every change is an entry in the group's timeline. */
@RestController
@Tag(name = "Groups", description = "Group conversations: membership changes take the next seq like messages")
class GroupController {

    static final String PARTICIPANTS_PATH = "/v1/conversations/{conversationId}/participants";

    private final GroupStore store;
    private final RateLimiter rateLimiter;

    GroupController(GroupStore store, RateLimiter rateLimiter) {
        this.store = store;
        this.rateLimiter = rateLimiter;
    }

    @Operation(summary = "Create a group", description = "The caller is always a participant and becomes the "
            + "owner. The group's timeline starts with a group-created entry at seq 1 that names the participants "
            + "and the title. A retry with the same clientRequestId returns the same group with 200.")
    @ApiResponse(responseCode = "201", description = "Created now",
            headers = @Header(name = "Location", description = "URL of the conversation",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "200", description = "A retry: the group the original request created")
    @ProblemResponse(status = "403", description = "senderId names someone other than the caller",
            examples = AccessExamples.SenderIsNotTheCaller.class)
    @ProblemResponse(status = "410", description = "A retry whose group was deleted since (its last participant "
            + "left), or whose group-created entry retention has removed; nothing is created",
            examples = {GroupExamples.Deleted.class, EntryExpiredException.Example.class})
    @ProblemResponse(status = "422", description = "The clientRequestId created another group before; nothing is "
            + "created", examples = GroupExamples.RequestConflict.class)
    @Budgeted(RateLimiter.Limit.GROUPS)
    @PostMapping(path = "/v1/conversations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<GroupView> create(@Valid @RequestBody CreateGroupRequest request,
            @Parameter(hidden = true) Caller caller, HttpServletRequest http) {
        String owner = caller.requiredActor(request.senderId(), "senderId");
        TreeSet<String> everyone = new TreeSet<>(request.participants());
        if (everyone.size() != request.participants().size()) {
            throw new InvalidRequestException("participants", "must be distinct user ids");
        }
        everyone.add(owner);
        if (everyone.size() > store.maxParticipants()) {
            throw new InvalidRequestException("participants", "a group has at most " + store.maxParticipants()
                    + " participants, its creator included");
        }
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.GROUPS,
                RateLimiter.subject(caller.userId(), http.getRemoteAddr()));
        GroupStore.Created created = store.create(owner, List.copyOf(everyone), request.title(),
                request.historyVisibility() == null ? HistoryVisibility.SHARED
                        : HistoryVisibility.ofWire(request.historyVisibility()),
                request.clientRequestId());
        if (!created.now()) {
            return ResponseEntity.ok().headers(limits).body(created.group());
        }
        return ResponseEntity.created(URI.create("/v1/conversations/" + created.group().conversationId()))
                .headers(limits).body(created.group());
    }

    @Operation(summary = "Add a participant to a group", description = "Any participant may add anyone; the change "
            + "is a participant-added entry at the next seq. Adding someone who is in already changes nothing and "
            + "consumes no seq. The new participant reads the whole timeline, or in a group created with "
            + "historyVisibility joined, the timeline from their own entry on. Direct conversations have fixed "
            + "participants (409).")
    @ApiResponse(responseCode = "201", description = "Added now, with the seq of the entry")
    @ApiResponse(responseCode = "200", description = "In already; nothing changed")
    @ProblemResponse(status = "403", description = "senderId names someone other than the caller (or, without "
            + "identification, is not a participant), or the user to add left by themself and only they may "
            + "rejoin; nothing changes", examples = {AccessExamples.SenderIsNotTheCaller.class,
                AccessExamples.NotAParticipant.class, GroupExamples.LeftByChoice.class})
    @ParticipantsOnly
    @ProblemResponse(status = "409", description = "A direct conversation (fixed participants), or a full group; "
            + "nothing changes", examples = {GroupExamples.FixedParticipants.class, GroupExamples.Full.class})
    @Budgeted(RateLimiter.Limit.POSTS)
    @PostMapping(path = PARTICIPANTS_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Membership> add(
            @PathVariable @Identifier @Parameter(example = "gr_9f86d081884c7d659a2feaa0c55ad015") String conversationId,
            @Valid @RequestBody AddParticipantRequest request, @Parameter(hidden = true) Caller caller) {
        String actor = caller.requiredActor(request.senderId(), "senderId");
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.POSTS, actor);
        Membership membership = store.change(conversationId, true, actor, request.userId())
                .orElseThrow(() -> caller.refusedIn(conversationId, actor));
        return ResponseEntity.status(membership.changed() ? 201 : 200).headers(limits).body(membership);
    }

    @Operation(summary = "Remove a participant from a group", description = "A participant may leave (remove "
            + "themself); the owner may remove anyone. The change is a participant-removed entry at the next seq; "
            + "the removed user loses access at once (their streams end, their read marker goes). Direct "
            + "conversations have fixed participants (409).")
    @ApiResponse(responseCode = "200", description = "Removed, with the seq of the entry")
    @ProblemResponse(status = "403", description = "Someone other than the owner removes another user, or senderId "
            + "names someone other than the caller; nothing changes", examples = {GroupExamples.NotTheOwner.class,
                AccessExamples.SenderIsNotTheCaller.class})
    @ProblemResponse(status = "404", description = "No such conversation or the caller is not in it (the same "
            + "answer for both), or the user to remove is not in it", examples = {
                GroupExamples.NotFound.class, GroupExamples.ParticipantNotFound.class})
    @ProblemResponse(status = "409", description = "A direct conversation: its participants are fixed",
            examples = GroupExamples.FixedParticipants.class)
    @Budgeted(RateLimiter.Limit.POSTS)
    @DeleteMapping(PARTICIPANTS_PATH + "/{userId}")
    ResponseEntity<Membership> remove(
            @PathVariable @Identifier @Parameter(example = "gr_9f86d081884c7d659a2feaa0c55ad015") String conversationId,
            @PathVariable @Identifier @Parameter(example = "dave") String userId,
            @Parameter(description = "Who removes: without authentication (mode none) required; else the caller")
            @RequestParam(required = false) @Identifier String senderId,
            @Parameter(hidden = true) Caller caller) {
        String actor = caller.requiredActor(senderId, "senderId");
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.POSTS, actor);
        return ResponseEntity.ok().headers(limits).body(store.change(conversationId, false, actor, userId)
                .orElseThrow(() -> caller.refusedIn(conversationId, actor)));
    }
}
