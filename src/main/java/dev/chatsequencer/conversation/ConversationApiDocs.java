package dev.chatsequencer.conversation;

import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.web.ProblemDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Documents the problems of conversations and read markers with the problems this feature's exceptions carry. */
@Component
public class ConversationApiDocs implements OpenApiCustomizer {

    public static final String EXAMPLE = "dm_95b6c4721fa54608b418c4b7cf86a32b";

    private final RateLimiter rateLimiter;

    ConversationApiDocs(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    /** The 404 of every operation on one conversation: it does not exist, or the caller does not take part. */
    public static ApiResponse notFound() {
        return ProblemDocs.response("No such conversation, or the caller is not one of its participants (the same "
                + "answer for both)", new ConversationNotFoundException(EXAMPLE).getBody());
    }

    /** A 403 for asking to act as another user, with the none-mode refusal of a direct conversation's outsider. */
    public static ApiResponse forbidden(String description, String detail) {
        return ProblemDocs.response(description, new NotTheCallerException(detail).getBody(),
                new NotAParticipantException(EXAMPLE, "carol").getBody());
    }

    @Override
    public void customise(OpenAPI openApi) {
        ApiResponses direct = ProblemDocs.operation(openApi, "/v1/conversations/direct", HttpMethod.POST)
                .getResponses();
        direct.addApiResponse("403", ProblemDocs.response("The caller is not one of the two participants",
                new NotTheCallerException("The caller 'carol' is not one of the participants; a user opens only "
                        + "their own direct conversations.").getBody()));
        direct.addApiResponse("429", rateLimiter.refusalResponse(RateLimiter.Limit.CONVERSATIONS));
        ProblemDocs.operation(openApi, "/v1/conversations/{conversationId}", HttpMethod.GET).getResponses()
                .addApiResponse("404", notFound());
        ApiResponses mark = ProblemDocs.operation(openApi, ConversationController.READ_MARKER_PATH, HttpMethod.PUT)
                .getResponses();
        mark.addApiResponse("403", forbidden("The marker is not the caller's own (or, without identification, the "
                + "user is not a participant of this direct conversation); nothing is stored",
                "userId 'bob' is not the caller; a user acts only as themself (leave userId out, or send the "
                        + "caller's own id)."));
        mark.addApiResponse("404", notFound());
        ProblemDocs.operation(openApi, ConversationController.READ_MARKER_PATH, HttpMethod.GET).getResponses()
                .addApiResponse("404", notFound());
    }
}
