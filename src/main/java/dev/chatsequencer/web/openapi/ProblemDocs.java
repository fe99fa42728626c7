package dev.chatsequencer.web.openapi;

import dev.chatsequencer.web.problem.ProblemHandler;
import dev.chatsequencer.web.problem.ProblemTypes;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * Problem responses for the OpenAPI description, each with examples that are real problems: features pass the
 * {@link ProblemDetail} their own exceptions carry, so a documented example cannot drift from what is sent.
 */
public final class ProblemDocs {

    private ProblemDocs() {
    }

    /** A problem response with one example per problem it can carry, named by problem type. */
    public static ApiResponse response(String description, ProblemDetail... problems) {
        MediaType media = new MediaType().schema(new Schema<>().$ref(OpenApiConfiguration.PROBLEM_SCHEMA));
        for (ProblemDetail problem : problems) {
            Map<String, Object> body = body(problem);
            String type = (String) body.get("type");
            media.addExamples(type.substring(type.lastIndexOf('/') + 1), new Example().value(body));
        }
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        media));
    }

    /**
     * Adds {@code response} to the operation's responses at {@code status}; where one is there already (two causes
     * share a status), both descriptions, examples and headers are kept.
     */
    public static void add(Operation operation, String status, ApiResponse response) {
        ApiResponse existing = operation.getResponses().get(status);
        if (existing == null || existing.getContent() == null || response.getContent() == null) {
            operation.getResponses().addApiResponse(status, response);
            return;
        }
        existing.description(existing.getDescription() + "; or: " + response.getDescription());
        MediaType into = existing.getContent().get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getContent().get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE).getExamples()
                .forEach(into::addExamples);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(existing::addHeaderObject);
        }
    }

    /** The problem every operation that uses Redis answers with while Redis is unreachable. */
    public static ProblemDetail storageUnavailable(int retryAfterSeconds) {
        return ProblemHandler.storageUnavailable(Integer.toString(retryAfterSeconds));
    }

    /** The same response with a {@code Retry-After} header. */
    public static ApiResponse withRetryAfter(ApiResponse response) {
        return response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                .schema(new IntegerSchema()));
    }

    /** The JSON members a problem is sent with, in the order Spring writes them. */
    private static Map<String, Object> body(ProblemDetail problem) {
        ProblemTypes.complete(problem, problem.getStatus());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
