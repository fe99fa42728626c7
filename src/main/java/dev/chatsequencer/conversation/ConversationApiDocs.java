package dev.chatsequencer.conversation;

import dev.chatsequencer.web.ProblemDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Documents the problems of conversations and read markers with the problems this feature's exceptions carry. */
@Component
class ConversationApiDocs implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        ProblemDocs.operation(openApi, ConversationController.READ_MARKER_PATH, HttpMethod.PUT).getResponses()
                .addApiResponse("403", ProblemDocs.response("The conversation is direct and the user is not one of "
                        + "its participants; nothing is stored", new NotAParticipantException(
                                "dm_95b6c4721fa54608b418c4b7cf86a32b", "carol").getBody()));
    }
}
