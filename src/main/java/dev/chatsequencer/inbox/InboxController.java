package dev.chatsequencer.inbox;

import dev.chatsequencer.access.AccessExamples;
import dev.chatsequencer.access.Caller;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.web.openapi.ProblemResponse;
import dev.chatsequencer.web.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Each user's conversations, most recent activity first. */
@RestController
@Tag(name = "Inbox", description = "A user's conversations with what is new in each")
class InboxController {

    static final String PATH = "/v1/users/{userId}/conversations";
    static final String ME = "me";

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @Operation(summary = "List a user's conversations", description = "Direct conversations and groups the user "
            + "is in, most recent activity first, each with lastSeq, the user's readSeq and unreadCount, and its "
            + "last entry. A conversation the user left is not listed. With an authenticated caller only their own "
            + "inbox, and `me` stands for the caller.")
    @ApiResponse(responseCode = "200", description = "One page; pass nextCursor as cursor for the next")
    @ProblemResponse(status = "403", description = "Another user's inbox: a caller reads only their own",
            examples = AccessExamples.UserIsNotTheCaller.class)
    @GetMapping(PATH)
    InboxPage conversations(@PathVariable @Identifier @Parameter(example = "me") String userId,
            @Parameter(description = "Page size, 1-100") @RequestParam(defaultValue = "20") @Min(1) @Max(100)
            int limit,
            @Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false)
            @Size(max = 256) String cursor,
            @Parameter(hidden = true) Caller caller) {
        String user = ME.equals(userId) ? caller.userId() : caller.actingAs(userId, "userId");
        if (user == null) {
            throw new InvalidRequestException("userId", "'me' needs an authenticated caller; name the user");
        }
        return inbox.page(user, cursor == null ? null : InboxCursor.decode(cursor), limit);
    }
}
