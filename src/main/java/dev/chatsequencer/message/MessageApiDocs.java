package dev.chatsequencer.message;

import dev.chatsequencer.conversation.NotAParticipantException;
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

    @Override
    public void customise(OpenAPI openApi) {
        ApiResponses post = ProblemDocs.operation(openApi, MessageController.PATH, HttpMethod.POST).getResponses();
        post.addApiResponse("403", ProblemDocs.response("The conversation is direct and the sender is not one of "
                + "its participants; nothing is stored", new NotAParticipantException(CONVERSATION, "carol").getBody()));
        post.addApiResponse("422", ProblemDocs.response("The clientMessageId was already used for a different body; "
                + "seq is where the original is", new IdempotencyConflictException("a-1", 1).getBody()));
        ProblemDocs.operation(openApi, MessageController.PATH + "/{seq}", HttpMethod.GET).getResponses()
                .addApiResponse("404", ProblemDocs.response("No message has that seq",
                        new MessageNotFoundException(CONVERSATION, 7).getBody()));
    }
}
