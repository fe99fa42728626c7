package dev.chatsequencer.web.openapi;

import dev.chatsequencer.web.WebProperties;
import dev.chatsequencer.web.problem.InvalidRequestException;
import dev.chatsequencer.web.problem.ProblemHandler;
import dev.chatsequencer.web.problem.RequestBodyException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;

/**
 * The OpenAPI description at {@code /v3/api-docs}. The error responses every operation shares (400, 503, and 413/415
 * where a body is sent) are added here once, all with the {@code Problem} schema, instead of on every method.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** Where operations refer to the problem schema, for their own error responses. */
    public static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Bean
    OpenAPI chatSequencerOpenApi() {
        // A relative server URL: the document never echoes the Host header of whoever asked for it.
        Info info = new Info().title("chat-sequencer API").version("v1")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0"))
                .contact(new Contact().name("chat-sequencer").url("https://chat-sequencer.dev"))
                .description("One atomic sequence counter per chat conversation. Every message takes the next "
                        + "`seq` of its conversation, so every client that sorts by `seq` sees the same timeline. "
                        + "Errors are RFC 9457 problems (`application/problem+json`).");
        return new OpenAPI().servers(List.of(new Server().url("/").description("This service"))).info(info);
    }

    /**
     * The problems any operation can answer with, added where an operation has not documented its own: 400 (every
     * operation has an identifier or a query to validate), 406 and 503 where it answers with a body and reads or
     * writes Redis (HEAD does neither), and 408/413/415 where a body is sent.
     */
    @Bean
    OpenApiCustomizer sharedProblemResponses(WebProperties webProperties) {
        String retryAfter = Integer.toString(webProperties.retryAfterSeconds());
        long maxBody = webProperties.maxRequestSize().toBytes();
        long bodySeconds = webProperties.bodyTimeout().toSeconds();
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                ApiResponses responses = operation.getResponses();
                responses.putIfAbsent("400", ProblemDocs.response("An identifier, query value or the request body "
                        + "is invalid; errors lists each invalid field",
                        new InvalidRequestException("body", "must not be blank").getBody()));
                if (method != PathItem.HttpMethod.HEAD) {
                    responses.putIfAbsent("406", ProblemDocs.response("The Accept header admits none of the media "
                            + "types this operation answers with", new HttpMediaTypeNotAcceptableException(List.of(
                                    org.springframework.http.MediaType.APPLICATION_JSON)).getBody()));
                    responses.putIfAbsent("503", ProblemDocs.withRetryAfter(ProblemDocs.response("Redis is "
                            + "unreachable or timed out. The outcome of a write is unknown: retry it (a post with "
                            + "the same clientMessageId is always safe to retry)",
                            ProblemHandler.storageUnavailable(retryAfter))));
                }
                if (operation.getRequestBody() != null) {
                    responses.putIfAbsent("408", ProblemDocs.response("The request body did not arrive in full "
                            + "within the body timeout", RequestBodyException.tooSlow(bodySeconds).problem()));
                    responses.putIfAbsent("413", ProblemDocs.response("The request body is over the size limit",
                            RequestBodyException.tooLarge(maxBody).problem()));
                    responses.putIfAbsent("415", ProblemDocs.response("The request body is not application/json",
                            new HttpMediaTypeNotSupportedException(org.springframework.http.MediaType.TEXT_PLAIN,
                                    List.of(org.springframework.http.MediaType.APPLICATION_JSON), HttpMethod.POST)
                                    .getBody()));
                }
            }));
            openApi.getComponents().getSchemas().forEach((name, schema) -> {
                if (!name.endsWith("Request") && schema.getRequired() == null) {
                    requireAllButNullable(schema);
                }
                unmark(schema);
            });
        };
    }

    /**
     * In a response body every property is present, null only where its schema says so, so all the others are
     * {@code required}: generated clients then get non-optional fields. A property left out when null
     * ({@link OmittedWhenNull}) is not. Request bodies, and schemas that list their required properties themselves
     * (the problem, the timeline entries), say for themselves.
     */
    @SuppressWarnings("rawtypes")
    private static void requireAllButNullable(Schema<?> schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        properties.forEach((property, definition) -> {
            boolean nullable = SchemaRefs.nullable(definition);
            boolean omitted = definition.getExtensions() != null
                    && definition.getExtensions().remove(OmittedWhenNull.EXTENSION) != null;
            if (!nullable && !omitted) {
                schema.addRequiredItem(property);
            }
        });
    }

    /** Removes the marks of {@link OmittedWhenNull} once read: they are not part of the API's description. */
    @SuppressWarnings("rawtypes")
    private static void unmark(Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (schema.getExtensions() != null) {
            schema.getExtensions().remove(OmittedWhenNull.EXTENSION);
            if (schema.getExtensions().isEmpty()) {
                schema.setExtensions(null);
            }
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            properties.values().forEach(OpenApiConfiguration::unmark);
        }
        unmark(schema.getItems());
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        MapSchema fieldError = new MapSchema();
        fieldError.setProperties(Map.of("field", new StringSchema().example("senderId"),
                "message", new StringSchema().example("must not be null")));
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri")
                        .example("https://chat-sequencer.dev/problems/invalid-request"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("The request is invalid: senderId must not be null."))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .example("/v1/conversations/dm_3f2a/messages"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("Each invalid field, for 400 validation problems"))
                .addProperty("seq", new IntegerSchema().format("int64").example(42)
                        .description("For idempotency-conflict: the seq the clientMessageId was first stored at"))
                .required(List.of("type", "title", "status"));
    }
}
