package dev.chatsequencer.stream;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.conversation.ConversationApiDocs;
import dev.chatsequencer.web.ProblemDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Documents the stream limits with the problems {@link TooManyStreamsException} carries, at the configured limits. */
@Component
class StreamApiDocs implements OpenApiCustomizer {

    private final ChatProperties properties;

    StreamApiDocs(ChatProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customise(OpenAPI openApi) {
        int retryAfter = properties.web().retryAfterSeconds();
        ApiResponses responses = ProblemDocs.operation(openApi, StreamController.PATH, HttpMethod.GET).getResponses();
        responses.addApiResponse("429", ProblemDocs.withRetryAfter(ProblemDocs.response("This client or user already "
                + "holds as many live streams as one client or user may", TooManyStreamsException.perClient(
                        properties.stream().maxPerClient(), retryAfter).getBody())));
        responses.addApiResponse("503", ProblemDocs.withRetryAfter(ProblemDocs.response("This instance holds as "
                + "many live streams as it may, or Redis is unreachable", TooManyStreamsException.perInstance(
                        properties.stream().maxPerInstance(), retryAfter).getBody(),
                ProblemDocs.storageUnavailable(retryAfter))));
        responses.addApiResponse("404", ConversationApiDocs.notFound());
    }
}
