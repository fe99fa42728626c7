package dev.chatsequencer.inbox;

import dev.chatsequencer.conversation.NotTheCallerException;
import dev.chatsequencer.web.ProblemDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Documents the problems of reading an inbox with the problems it carries. */
@Component
class InboxApiDocs implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        ProblemDocs.operation(openApi, InboxController.PATH, HttpMethod.GET).getResponses()
                .addApiResponse("403", ProblemDocs.response("Another user's inbox: a caller reads only their own",
                        new NotTheCallerException("userId 'bob' is not the caller; a user acts only as themself "
                                + "(leave userId out, or send the caller's own id).").getBody()));
    }
}
