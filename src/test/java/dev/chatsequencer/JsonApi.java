package dev.chatsequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelinePage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' one client of the JSON API: real HTTP to one instance, as one user at a time, named in the gateway's
 * header (or, in mode none, in the request's own ids). {@link #send} for any call; the calls tests make again and
 * again (post, page, groups) as methods, so each test says what it does rather than how.
 */
public final class JsonApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String userHeader;

    /** @param userHeader the header that names the caller (gateway mode); {@code null} in mode none */
    public JsonApi(String baseUrl, String userHeader) {
        this.baseUrl = baseUrl;
        this.userHeader = userHeader;
    }

    /** Sends {@code body} (JSON, or {@code null} for none) as {@code user} ({@code null}: no identity). */
    public Response send(String method, String path, String body, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null && userHeader != null) {
            request.header(userHeader, user);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body().isEmpty() ? null
                    : JsonMapper.shared().readTree(response.body()), response.headers());
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** {@code sender} posts {@code body}: as the caller with a user header, else naming them as senderId. */
    public Response post(String conversation, String sender, String body) {
        return post(conversation, sender, body, null);
    }

    /** {@link #post} with the client's own id for the message ({@code null}: none). */
    public Response post(String conversation, String sender, String body, String clientMessageId) {
        Map<String, Object> request = actedBy(sender);
        request.put("body", body);
        if (clientMessageId != null) {
            request.put("clientMessageId", clientMessageId);
        }
        return send("POST", "/v1/conversations/" + conversation + "/messages", json(request), sender);
    }

    /** {@link #post}, which must store the message: the message. */
    public TimelineEntry posted(String conversation, String sender, String body) {
        Response posted = post(conversation, sender, body);
        assertThat(posted.status()).as(String.valueOf(posted.json())).isEqualTo(201);
        return posted.as(TimelineEntry.class);
    }

    /** A page of the timeline, {@code query} as the API takes it, read by {@code reader}. */
    public Response page(String conversation, String query, String reader) {
        return send("GET", "/v1/conversations/" + conversation + "/messages?" + query, null, reader);
    }

    /** {@link #page} in mode none, which must succeed: the page. */
    public TimelinePage timeline(String conversation, String query) {
        Response page = page(conversation, query, null);
        assertThat(page.status()).as(String.valueOf(page.json())).isEqualTo(200);
        return page.as(TimelinePage.class);
    }

    /** {@code actor} edits the message at {@code seq} to {@code body}. */
    public Response edit(String conversation, String actor, long seq, String body) {
        Map<String, Object> request = actedBy(actor);
        request.put("body", body);
        return send("PATCH", "/v1/conversations/" + conversation + "/messages/" + seq, json(request), actor);
    }

    /** {@code actor} deletes the message at {@code seq} for everyone. */
    public Response delete(String conversation, String actor, long seq) {
        return send("DELETE", "/v1/conversations/" + conversation + "/messages/" + seq + actorQuery(actor), null,
                actor);
    }

    /** {@code opener} opens the direct conversation of {@code opener} and {@code other} and returns its id. */
    public String openDirect(String opener, String other) {
        Response opened = send("POST", "/v1/conversations/direct",
                json(Map.of("participants", List.of(opener, other))), opener);
        assertThat(opened.status()).as(String.valueOf(opened.json())).isIn(200, 201);
        return opened.json().get("conversationId").asString();
    }

    /** Creates a group of {@code owner} and {@code others} (201 expected) and returns its id. */
    public String createGroup(String owner, String... others) {
        Map<String, Object> request = actedBy(owner);
        request.put("participants", List.of(others));
        Response created = send("POST", "/v1/conversations", json(request), owner);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        return created.json().get("conversationId").asString();
    }

    /** {@code actor} adds {@code userId} to {@code group}. */
    public Response addParticipant(String group, String userId, String actor) {
        Map<String, Object> request = actedBy(actor);
        request.put("userId", userId);
        return send("POST", "/v1/conversations/" + group + "/participants", json(request), actor);
    }

    /** {@code actor} removes {@code userId} from {@code group}. */
    public Response removeParticipant(String group, String userId, String actor) {
        return send("DELETE", "/v1/conversations/" + group + "/participants/" + userId + actorQuery(actor), null,
                actor);
    }

    /** A request body naming who acts: by the user header, or without one (mode none) as senderId. */
    private Map<String, Object> actedBy(String actor) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (userHeader == null) {
            request.put("senderId", actor);
        }
        return request;
    }

    /** The query naming who acts where a request has no body: nothing with a user header, else senderId. */
    private String actorQuery(String actor) {
        return userHeader == null ? "?senderId=" + actor : "";
    }

    private static String json(Object body) {
        return JsonMapper.shared().writeValueAsString(body);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A status, its JSON body ({@code null} when the body was empty) and its headers. */
    public record Response(int status, JsonNode json, HttpHeaders headers) {

        /** The body as {@code type}. */
        public <T> T as(Class<T> type) {
            return JsonMapper.shared().treeToValue(json, type);
        }

        /** The first value of the header, or {@code null}. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem type's slug, for a problem response. */
        public String problem() {
            String type = json.get("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }
}
