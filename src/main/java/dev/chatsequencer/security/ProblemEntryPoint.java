package dev.chatsequencer.security;

import dev.chatsequencer.web.body.UnreadBodies;
import dev.chatsequencer.web.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an unauthenticated request with a 401 problem and the RFC 6750 {@code WWW-Authenticate: Bearer} challenge,
 * with the error of an invalid token. The challenge names the protected-resource metadata (RFC 9728) only at the
 * configured public URL: Spring's own entry point builds it from the request's Host, which anyone can set. The
 * problem is sent whole; the rest of an unread request body is never read (nobody without credentials may hold a
 * thread by trickling one), and then the response says the connection closes, so a pooled client never reuses it.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint {

    static final String TYPE = "unauthorized";
    static final String MISSING = "Authentication is required: send a bearer token (Authorization: Bearer <token>).";
    static final String INVALID = "The bearer token is invalid, expired or not signed by a trusted key.";

    private final JsonMapper jsonMapper;
    private final String resourceMetadata;

    /** @param resourceMetadata the metadata's absolute URL, or {@code null} to name none */
    ProblemEntryPoint(JsonMapper jsonMapper, String resourceMetadata) {
        this.jsonMapper = jsonMapper;
        this.resourceMetadata = resourceMetadata;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        response.setHeader("WWW-Authenticate", challenge(failure));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("detail", detail(request));
        problem.put("instance", request.getRequestURI());
        problem.put("status", HttpStatus.UNAUTHORIZED.value());
        problem.put("title", HttpStatus.UNAUTHORIZED.getReasonPhrase());
        problem.put("type", ProblemTypes.of(TYPE).toString());
        byte[] body = jsonMapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        boolean closing = UnreadBodies.willClose(request);
        if (closing) {
            response.setHeader("Connection", "close");
        }
        response.getOutputStream().write(body);
        response.flushBuffer();
        if (closing) {
            UnreadBodies.neverRead(request);
        }
    }

    /** RFC 6750 section 3: the scheme, the error of a token that was sent, and where the metadata is. */
    private String challenge(AuthenticationException failure) {
        StringBuilder challenge = new StringBuilder("Bearer");
        String separator = " ";
        if (failure instanceof OAuth2AuthenticationException oauth) {
            OAuth2Error error = oauth.getError();
            challenge.append(separator).append("error=\"").append(error.getErrorCode()).append('"');
            separator = ", ";
            if (error.getDescription() != null) {
                // a quoted-string: no quote or backslash may come from the token's own text
                challenge.append(separator).append("error_description=\"")
                        .append(error.getDescription().replace('"', '\'').replace('\\', '/')).append('"');
            }
        }
        if (resourceMetadata != null) {
            challenge.append(separator).append("resource_metadata=\"").append(resourceMetadata).append('"');
        }
        return challenge.toString();
    }

    /** Says what was wrong without echoing the token. */
    private static String detail(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String query = request.getQueryString();
        if (authorization == null && (query == null || !query.contains("access_token="))) {
            return MISSING;
        }
        return INVALID;
    }
}
