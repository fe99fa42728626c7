package dev.chatsequencer.group;

import dev.chatsequencer.conversation.ConversationApiDocs;
import dev.chatsequencer.conversation.ConversationNotFoundException;
import dev.chatsequencer.conversation.NotAParticipantException;
import dev.chatsequencer.conversation.NotTheCallerException;
import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.web.ProblemDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Documents the problems of creating groups and changing their participants with the problems they carry. */
@Component
class GroupApiDocs implements OpenApiCustomizer {

    static final String EXAMPLE = "gr_9f86d081884c7d659a2feaa0c55ad015";
    static final String NOT_THE_CALLER = "senderId 'bob' is not the caller; a user acts only as themself (leave "
            + "senderId out, or send the caller's own id).";

    private final RateLimiter rateLimiter;

    GroupApiDocs(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void customise(OpenAPI openApi) {
        ApiResponses create = ProblemDocs.operation(openApi, "/v1/conversations", HttpMethod.POST).getResponses();
        create.addApiResponse("403", ProblemDocs.response("senderId names someone other than the caller",
                new NotTheCallerException(NOT_THE_CALLER).getBody()));
        create.addApiResponse("410", ProblemDocs.response("A retry whose group was deleted since (its last "
                + "participant left); nothing is created", new GroupDeletedException("c7d1-create-1", EXAMPLE)
                        .getBody()));
        create.addApiResponse("422", ProblemDocs.response("The clientRequestId created another group before; "
                + "nothing is created", new GroupRequestConflictException("c7d1-create-1", EXAMPLE).getBody()));
        create.addApiResponse("429", rateLimiter.refusalResponse(RateLimiter.Limit.GROUPS));

        ApiResponses add = ProblemDocs.operation(openApi, GroupController.PARTICIPANTS_PATH, HttpMethod.POST)
                .getResponses();
        add.addApiResponse("403", ProblemDocs.response("senderId names someone other than the caller (or, without "
                + "identification, is not a participant), or the user to add left by themself and only they may "
                + "rejoin; nothing changes", new NotTheCallerException(NOT_THE_CALLER).getBody(),
                new NotAParticipantException(ConversationApiDocs.EXAMPLE, "carol").getBody(),
                new LeftByChoiceException(EXAMPLE, "dave").getBody()));
        add.addApiResponse("404", ConversationApiDocs.notFound());
        add.addApiResponse("409", ProblemDocs.response("A direct conversation (fixed participants), or a full group; "
                + "nothing changes", new FixedParticipantsException(ConversationApiDocs.EXAMPLE).getBody(),
                new GroupFullException(EXAMPLE, 1000).getBody()));
        add.addApiResponse("429", rateLimiter.refusalResponse(RateLimiter.Limit.POSTS));

        ApiResponses remove = ProblemDocs.operation(openApi, GroupController.PARTICIPANTS_PATH + "/{userId}",
                HttpMethod.DELETE).getResponses();
        remove.addApiResponse("403", ProblemDocs.response("Someone other than the owner removes another user, or "
                + "senderId names someone other than the caller; nothing changes",
                new NotTheOwnerException(EXAMPLE, "bob").getBody(), new NotTheCallerException(NOT_THE_CALLER)
                        .getBody()));
        remove.addApiResponse("404", ProblemDocs.response("No such conversation or the caller is not in it (the "
                + "same answer for both), or the user to remove is not in it",
                new ConversationNotFoundException(EXAMPLE).getBody(),
                new ParticipantNotFoundException(EXAMPLE, "dave").getBody()));
        remove.addApiResponse("409", ProblemDocs.response("A direct conversation: its participants are fixed",
                new FixedParticipantsException(ConversationApiDocs.EXAMPLE).getBody()));
        remove.addApiResponse("429", rateLimiter.refusalResponse(RateLimiter.Limit.POSTS));
    }
}
