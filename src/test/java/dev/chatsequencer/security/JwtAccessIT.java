package dev.chatsequencer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.ValidatingProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access rules in jwt mode, with real tokens checked by the real decoder against a JWK set served over HTTP.
 * Every endpoint is called by the owner (who opened the conversation), the other participant, an outsider, and with
 * no, expired, foreign-signed, unsigned and malformed tokens; each rejected request must leave Redis as it was.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAccessIT {

    static final TestIssuer ISSUER = new TestIssuer();
    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance(ISSUER.jwkSetUriProperty());

    @Autowired
    StringRedisTemplate redis;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String alice = "alice-" + run;
    final String bob = "bob-" + run;
    final String carol = "carol-" + run;
    String conversation;
    /** Where requests go: the instance ({@code null}), or a validating proxy in front of it. */
    String base;

    /** Who calls, and with what credentials. */
    enum Who { OWNER, PARTICIPANT, OUTSIDER, NO_TOKEN, EXPIRED, WRONG_KEY, UNSIGNED, MALFORMED }

    @BeforeAll
    void aliceOpensAConversationWithBobAndPosts() throws Exception {
        Reply opened = call(Who.OWNER, "POST", "/v1/conversations/direct",
                "{\"participants\":[\"" + bob + "\",\"" + alice + "\"]}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        conversation = opened.json().get("conversationId").asString();
        assertThat(call(Who.OWNER, "POST", messages(), "{\"body\":\"first\"}").status()).isEqualTo(201);
    }

    @AfterAll
    void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheRulesSayAndRejectionsWriteNothing() throws Exception {
        accessMatrix(endpoints());
    }

    /**
     * The same matrix through a validating proxy: every answer, refusals included, is what the API description says.
     * A stream never ends, so a proxy that checks whole answers cannot pass one on; streams are left out here.
     */
    @Test
    void everyAnswerOfTheAccessMatrixMatchesTheApiDescription() throws Exception {
        assumeTrue(ValidatingProxy.available(), "Prism is not installed under .ci/tools (bash .ci/run installs it): "
                + "the validating proxy run is skipped");
        try (ValidatingProxy proxy = ValidatingProxy.start(service.baseUrl())) {
            base = proxy.baseUrl();
            accessMatrix(endpoints().stream().filter(endpoint -> !endpoint.path().endsWith("/stream")).toList());
            assertThat(proxy.responseViolations()).as(String.join("\n", proxy.log())).isEmpty();
        } finally {
            base = null;
        }
    }

    private void accessMatrix(List<Endpoint> endpoints) throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            for (Who who : Who.values()) {
                String key = endpoint.name() + " by " + who;
                int status = who.ordinal() >= Who.NO_TOKEN.ordinal() ? 401 : endpoint.statuses()[who.ordinal()];
                expected.put(key, Integer.toString(status));
                Map<String, String> before = snapshot();
                Reply reply = call(who, endpoint.method(), endpoint.path(), endpoint.body());
                actual.put(key, Integer.toString(reply.status()));
                if (reply.status() >= 400) {
                    assertThat(snapshot()).as("Redis after the rejected " + key).isEqualTo(before);
                    assertThat(reply.header("Content-Type")).as(key).startsWith("application/problem+json");
                }
                if (reply.status() == 401) {
                    assertThat(reply.header("WWW-Authenticate")).as(key).startsWith("Bearer");
                    assertThat(reply.json().get("type").asString()).as(key).isEqualTo(PROBLEMS + "unauthorized");
                }
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aPostIsStoredWithTheCallerAsSenderWhateverTheBodyLeavesOut() throws Exception {
        Reply posted = call(Who.PARTICIPANT, "POST", messages(), "{\"body\":\"hi alice\"}");

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("senderId").asString()).isEqualTo(bob);
        long seq = posted.json().get("seq").asLong();
        assertThat(redis.opsForZSet().rangeByScore("chat:{" + conversation + "}:messages", seq, seq))
                .singleElement().asString().contains("\"senderId\":\"" + bob + "\"");
    }

    @Test
    void postingAsSomeoneElseIs403AndConsumesNoSeq() throws Exception {
        String lastSeq = redis.opsForValue().get("chat:{" + conversation + "}:seq");

        Reply reply = call(Who.OWNER, "POST", messages(), "{\"senderId\":\"" + bob + "\",\"body\":\"as bob\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("type").asString()).isEqualTo(PROBLEMS + "not-the-caller");
        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo(lastSeq);
    }

    @Test
    void anOutsiderCannotTellAnExistingConversationFromAMissingOne() throws Exception {
        String missing = "dm_" + UUID.randomUUID().toString().replace("-", "");

        JsonNode hidden = call(Who.OUTSIDER, "GET", "/v1/conversations/" + conversation, null).json();
        JsonNode absent = call(Who.OUTSIDER, "GET", "/v1/conversations/" + missing, null).json();

        assertThat(hidden.get("status").asInt()).isEqualTo(404);
        assertThat(hidden.propertyNames()).isEqualTo(absent.propertyNames());
        assertThat(hidden.get("type")).isEqualTo(absent.get("type"));
        assertThat(hidden.get("detail").asString().replace(conversation, "ID"))
                .isEqualTo(absent.get("detail").asString().replace(missing, "ID"));
    }

    @Test
    void aTokenWhoseSubjectIsNotAValidIdIsRefused() throws Exception {
        Reply reply = send(HttpRequest.newBuilder(uri("/v1/conversations/" + conversation))
                .header("Authorization", "Bearer " + ISSUER.token("a{b}")).GET().build());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void operationsEndpointsAndTheApiDescriptionNeedNoToken() throws Exception {
        for (String path : List.of("/actuator/health/readiness", "/actuator/info", "/actuator/prometheus",
                "/v3/api-docs", "/swagger-ui/index.html")) {
            assertThat(call(Who.NO_TOKEN, "GET", path, null).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aStreamTakesTheTokenFromTheQueryBecauseEventSourceCannotSendHeaders() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(messages().replace("/messages", "/stream")
                + "?access_token=" + ISSUER.token(bob))).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        assertThat(response.statusCode()).isEqualTo(200);

        HttpRequest post = HttpRequest.newBuilder(uri(messages() + "?access_token=" + ISSUER.token(bob)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}"))
                .build();
        assertThat(send(post).status()).as("only a stream takes the token from the query").isEqualTo(401);
    }

    /** Someone without a token who trickles a body gets the 401 at once, and the server never reads the rest. */
    @Test
    void aCallerWithoutATokenCannotHoldAConnectionByTricklingABody() throws Exception {
        try (RawHttp connection = RawHttp.connect(service.port())) {
            RawHttp.Response response = connection.send("POST " + messages() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"body\":\"").read();

            assertThat(response.status()).isEqualTo(401);
            assertThat(connection.closedByServerWithin(Duration.ofSeconds(3))).isTrue();
        }
    }

    /** Each endpoint and the status owner, participant and outsider get; callers without a valid token get 401. */
    private List<Endpoint> endpoints() {
        String base = "/v1/conversations/" + conversation;
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("post message", "POST", base + "/messages", "{\"body\":\"hello\"}", 201, 201, 404));
        endpoints.add(new Endpoint("read timeline", "GET", base + "/messages", null, 200, 200, 404));
        endpoints.add(new Endpoint("read message 1", "GET", base + "/messages/1", null, 200, 200, 404));
        endpoints.add(new Endpoint("read state", "GET", base, null, 200, 200, 404));
        endpoints.add(new Endpoint("set own marker", "PUT", base + "/read-markers/{self}", "{\"seq\":1}", 200, 200,
                404));
        endpoints.add(new Endpoint("set owner's marker", "PUT", base + "/read-markers/" + alice, "{\"seq\":1}", 200,
                403, 403));
        endpoints.add(new Endpoint("read owner's marker", "GET", base + "/read-markers/" + alice, null, 200, 200,
                404));
        endpoints.add(new Endpoint("follow stream", "GET", base + "/stream", null, 200, 200, 404));
        endpoints.add(new Endpoint("open the conversation", "POST", "/v1/conversations/direct",
                "{\"participants\":[\"" + alice + "\",\"" + bob + "\"]}", 200, 200, 403));
        return endpoints;
    }

    private Reply call(Who who, String method, String path, String body) throws Exception {
        String self = switch (who) {
            case OWNER -> alice;
            case PARTICIPANT -> bob;
            default -> carol;
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path.replace("{self}", self)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String token = switch (who) {
            case OWNER, PARTICIPANT, OUTSIDER -> ISSUER.token(self);
            case NO_TOKEN -> null;
            case EXPIRED -> ISSUER.expired(self);
            case WRONG_KEY -> ISSUER.signedByAnotherKey(self);
            case UNSIGNED -> ISSUER.unsigned(self);
            case MALFORMED -> "not.a.token";
        };
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Reads the head of a stream and closes it; reads any other response whole. */
    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body;
        try (InputStream in = response.body()) {
            body = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Reply(response.statusCode(), response.headers().map(), body);
    }

    /** Every key of the service, and the contents of this conversation's keys. */
    private Map<String, String> snapshot() {
        Map<String, String> state = new TreeMap<>();
        for (String key : redis.keys("chat:*")) {
            state.put(key, key.startsWith("chat:{" + conversation + "}") ? contents(key) : "");
        }
        return state;
    }

    private String contents(String key) {
        return switch (redis.type(key).code()) {
            case "string" -> redis.opsForValue().get(key);
            case "zset" -> String.valueOf(redis.opsForZSet().rangeWithScores(key, 0, -1).stream()
                    .map(entry -> entry.getScore() + "=" + entry.getValue()).toList());
            case "hash" -> String.valueOf(new TreeMap<>(redis.opsForHash().entries(key)));
            case "set" -> String.valueOf(new TreeSet<>(redis.opsForSet().members(key)));
            default -> redis.type(key).code();
        };
    }

    private String messages() {
        return "/v1/conversations/" + conversation + "/messages";
    }

    private URI uri(String path) {
        return URI.create((base != null ? base : service.baseUrl()) + path);
    }

    record Endpoint(String name, String method, String path, String body, int... statuses) {
    }

    record Reply(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }
    }
}
