package dev.chatsequencer.security;

import dev.chatsequencer.web.ProblemTypes;
import dev.chatsequencer.web.UnreadBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an unauthenticated request with a 401 problem and the RFC 6750 {@code WWW-Authenticate: Bearer} challenge
 * (Spring's entry point writes the header, with the error of an invalid token). The problem is sent whole, and the
 * rest of an unread request body is never read: nobody without credentials may hold a thread by trickling one.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint {

    static final String TYPE = "unauthorized";
    static final String MISSING = "Authentication is required: send a bearer token (Authorization: Bearer <token>).";
    static final String INVALID = "The bearer token is invalid, expired or not signed by a trusted key.";

    private final AuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final JsonMapper jsonMapper;

    ProblemEntryPoint(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        try {
            challenge.commence(request, response, failure);
        } catch (jakarta.servlet.ServletException ex) {
            throw new IOException(ex);
        }
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
        response.getOutputStream().write(body);
        response.flushBuffer();
        UnreadBodies.neverRead(request);
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
