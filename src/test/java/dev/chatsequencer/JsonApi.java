package dev.chatsequencer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the JSON API of one instance over real HTTP as one user at a time, named in the gateway's header. */
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
                    : JsonMapper.shared().readTree(response.body()));
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + path + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A status and its JSON body; {@code json} is {@code null} when the body was empty. */
    public record Response(int status, JsonNode json) {

        /** The problem type's slug, for a problem response. */
        public String problem() {
            String type = json.get("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }
}
