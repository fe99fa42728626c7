package dev.chatsequencer.message;

import dev.chatsequencer.conversation.ConversationApiDocs;
import dev.chatsequencer.conversation.ConversationNotFoundException;
import dev.chatsequencer.ratelimit.RateLimiter;
import dev.chatsequencer.web.ProblemDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Documents the problems of posting and reading messages with the problems this feature's exceptions carry. */
@Component
class MessageApiDocs implements OpenApiCustomizer {

    private static final String CONVERSATION = "dm_95b6c4721fa54608b418c4b7cf86a32b";

    private final RateLimiter rateLimiter;

    MessageApiDocs(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void customise(OpenAPI openApi) {
        ApiResponses post = ProblemDocs.operation(openApi, MessageController.PATH, HttpMethod.POST).getResponses();
        post.addApiResponse("403", ConversationApiDocs.forbidden("senderId is not the caller (or, without "
                + "identification, the sender is not a participant of this direct conversation); nothing is stored",
                "senderId 'bob' is not the caller; a user acts only as themself (leave senderId out, or send the "
                        + "caller's own id)."));
        post.addApiResponse("404", ConversationApiDocs.notFound());
        post.addApiResponse("422", ProblemDocs.response("The clientMessageId was already used for a different body; "
                + "seq is where the original is", new IdempotencyConflictException("a-1", 1).getBody()));
        post.addApiResponse("429", rateLimiter.refusalResponse(RateLimiter.Limit.POSTS));
        ProblemDocs.operation(openApi, MessageController.PATH, HttpMethod.GET).getResponses()
                .addApiResponse("404", ConversationApiDocs.notFound());
        ProblemDocs.operation(openApi, MessageController.PATH + "/{seq}", HttpMethod.GET).getResponses()
                .addApiResponse("404", ProblemDocs.response("No message has that seq, or no such conversation for "
                        + "the caller", new MessageNotFoundException(CONVERSATION, 7).getBody(),
                        new ConversationNotFoundException(CONVERSATION).getBody()));
    }
}
