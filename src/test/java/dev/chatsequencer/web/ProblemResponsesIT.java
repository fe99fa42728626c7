package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Every rejected request gets a problem response, and none of them consumes a seq or stores anything. */
@RedisIntegrationTest
class ProblemResponsesIT {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";
    static final HttpClient HTTP_CLIENT = HttpClient.newHttpClient();

    @Autowired
    RestTestClient http;

    @Autowired
    StringRedisTemplate redis;

    @LocalServerPort
    int port;

    String conversation;

    @BeforeEach
    void setUp() {
        conversation = TestIds.conversation();
    }

    static Stream<Arguments> invalidPosts() {
        return Stream.of(
                Arguments.of("{\"senderId\":\"alice\",", "not valid JSON"),
                Arguments.of("[1,2]", "expected shape"),
                Arguments.of("", "missing"),
                Arguments.of("{\"senderId\":\"alice\",\"body\":42}", "body has the wrong type"),
                Arguments.of("{\"senderId\":\"alice\",\"body\":{\"text\":\"hi\"}}", "body has the wrong type"),
                Arguments.of("{\"body\":\"hi\"}", "senderId must not be null"),
                Arguments.of("{\"senderId\":\"alice\"}", "body must not be blank"),
                Arguments.of("{\"senderId\":\"alice\",\"body\":\"  \\n \"}", "body must not be blank"),
                Arguments.of("{\"senderId\":\"al ice\",\"body\":\"hi\"}", "senderId must be 1-128 characters"),
                Arguments.of("{\"senderId\":\"|alice\",\"body\":\"hi\"}", "senderId must be 1-128 characters"),
                Arguments.of("{\"senderId\":\"" + "a".repeat(129) + "\",\"body\":\"hi\"}", "senderId must be 1-128"),
                Arguments.of("{\"senderId\":\"alice\",\"body\":\"hi\",\"clientMessageId\":\"{x}\"}",
                        "clientMessageId must be 1-128 characters"),
                Arguments.of("{\"senderId\":\"alice\",\"body\":\"" + "x".repeat(4097) + "\"}",
                        "body must be at most 4096 characters"),
                Arguments.of("{\"senderId\":\"a\",\"body\":\"x\\ud800y\",\"clientMessageId\":\"s1\"}",
                        "body is not valid Unicode text"),
                Arguments.of("{\"senderId\":\"a\",\"body\":\"x\\udc00\\ud800y\"}", "not valid Unicode text"),
                Arguments.of("{\"senderId\":\"a\",\"body\":\"ends high \\ud83d\"}", "not valid Unicode text"),
                Arguments.of("{\"senderId\":\"alice\",\"senderId\":\"mallory\",\"body\":\"hi\"}",
                        "names a field twice"));
    }

    @ParameterizedTest
    @MethodSource("invalidPosts")
    void postWhenRequestIsInvalidThen400ProblemAndNothingStored(String json, String detail) {
        http.post().uri("/v1/conversations/{id}/messages", conversation).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-request")
                .jsonPath("$.title").isEqualTo("Bad Request")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains(detail));

        assertNothingStored();
    }

    @Test
    void postWhenConversationIdIsInvalidThen400Problem() {
        http.post().uri("/v1/conversations/{id}/messages", "bad{id}").contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"hi\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("conversationId");

        assertThat(redis.keys("chat:{bad*")).isEmpty();
    }

    @Test
    void postWhenContentTypeIsNotJsonThen415Problem() {
        http.post().uri("/v1/conversations/{id}/messages", conversation).contentType(MediaType.TEXT_PLAIN)
                .body("hello").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unsupported-media-type");

        assertNothingStored();
    }

    @Test
    void postWhenDeclaredBodyExceedsLimitThen413Problem() throws Exception {
        byte[] body = oversizedJson();

        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(PROBLEMS + "payload-too-large").contains("65536 bytes");
        assertNothingStored();
    }

    @Test
    void postWhenChunkedBodyExceedsLimitThen413Problem() throws Exception {
        byte[] body = oversizedJson();

        HttpResponse<String> response = send(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains(PROBLEMS + "payload-too-large");
        assertNothingStored();
    }

    @Test
    void readWhenQueryValuesAreInvalidThen400Problem() {
        for (String query : new String[] {"limit=0", "limit=201", "limit=abc", "after=-1", "before=0", "after=x"}) {
            http.get().uri("/v1/conversations/" + conversation + "/messages?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-request");
        }
        http.get().uri("/v1/conversations/{id}/messages/0", conversation).exchange().expectStatus().isBadRequest();
        http.get().uri("/v1/conversations/{id}/messages/abc", conversation).exchange().expectStatus().isBadRequest();
    }

    @Test
    void postWhenAFieldHasTheWrongTypeThenErrorsNameTheField() {
        http.post().uri("/v1/conversations/{id}/messages", conversation).contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":5,\"body\":\"hi\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("senderId")
                .jsonPath("$.errors[0].message").isEqualTo("has the wrong type");

        assertNothingStored();
    }

    @Test
    void requestToUnknownRouteThen404ProblemInTheServicesOwnWords() {
        http.get().uri("/v1/nothing-here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "not-found")
                .jsonPath("$.detail").isEqualTo("There is nothing at this path; the API is described at /v3/api-docs.");
    }

    /** The servlet's TRACE would echo the request, cookies and credentials included (cross-site tracing). */
    @Test
    void traceIs405AndNeverEchoesTheRequest() throws Exception {
        try (RawHttp connection = RawHttp.connect(port)) {
            RawHttp.Response response = connection.send("TRACE /v1/conversations/" + conversation
                    + "/messages HTTP/1.1\r\nHost: localhost\r\nCookie: secret=s3cr3t\r\nConnection: close\r\n\r\n")
                    .read();

            assertThat(response.status()).isEqualTo(405);
            assertThat(response.body()).contains(PROBLEMS + "method-not-allowed").doesNotContain("s3cr3t");
        }
    }

    @Test
    void requestWithUnsupportedMethodThen405Problem() {
        http.delete().uri("/v1/conversations/{id}/messages", conversation).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow.split(",\\s*"))
                        .containsExactlyInAnyOrder("GET", "HEAD", "POST", "OPTIONS"))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "method-not-allowed");
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/conversations/" + conversation + "/messages"))
                .header("Content-Type", "application/json").POST(body).build();
        return HTTP_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] oversizedJson() {
        return ("{\"senderId\":\"alice\",\"body\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private void assertNothingStored() {
        assertThat(redis.keys("chat:{" + conversation + "}:*")).isEmpty();
    }
}
