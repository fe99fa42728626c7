package dev.chatsequencer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.RedisIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Gateway mode: the proxy's header names the caller, and every rule of jwt mode applies to that caller. */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAccessIT {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.security.mode=gateway",
            "chat.security.gateway-user-header=X-Authenticated-User");

    @Autowired
    StringRedisTemplate redis;

    final HttpClient http = HttpClient.newHttpClient();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String alice = "alice-" + run;
    final String bob = "bob-" + run;

    @Test
    void withoutTheHeaderOrWithAnInvalidOneTheCallerIsRefusedWith401() throws Exception {
        for (String[] headers : new String[][] {{}, {"X-Authenticated-User", "a{b}"},
            {"X-Authenticated-User", alice, "X-Authenticated-User", bob}, {"X-User-Id", alice}}) {
            HttpResponse<String> response = send("GET", "/v1/conversations/dm_x/messages", null, headers);

            assertThat(response.statusCode()).as(String.join(" ", headers)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(json(response).get("type").asString()).isEqualTo(PROBLEMS + "unauthorized");
        }
    }

    @Test
    void theNamedCallerPostsAsThemselvesAndOnlyParticipantsSeeTheConversation() throws Exception {
        HttpResponse<String> opened = send("POST", "/v1/conversations/direct",
                "{\"participants\":[\"" + alice + "\",\"" + bob + "\"]}", "X-Authenticated-User", alice);
        assertThat(opened.statusCode()).isEqualTo(201);
        String conversation = json(opened).get("conversationId").asString();
        String messages = "/v1/conversations/" + conversation + "/messages";

        HttpResponse<String> posted = send("POST", messages, "{\"body\":\"hi\"}", "X-Authenticated-User", alice);
        HttpResponse<String> impersonated = send("POST", messages, "{\"senderId\":\"" + bob + "\",\"body\":\"x\"}",
                "X-Authenticated-User", alice);
        HttpResponse<String> outsider = send("GET", messages, null, "X-Authenticated-User", "carol-" + run);
        HttpResponse<String> participant = send("GET", messages, null, "X-Authenticated-User", bob);

        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(json(posted).get("senderId").asString()).isEqualTo(alice);
        assertThat(impersonated.statusCode()).isEqualTo(403);
        assertThat(outsider.statusCode()).isEqualTo(404);
        assertThat(participant.statusCode()).isEqualTo(200);
        assertThat(json(participant).get("lastSeq").asLong()).isEqualTo(1);
        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo("1");
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
