package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Odd input as an attacker sends it, byte for byte: every answer is a problem, nothing is stored, and the service
 * reads each request exactly as a proxy in front of it would.
 */
@RedisIntegrationTest
@Timeout(60)
class HostileInputIT {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";

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

    @ParameterizedTest
    @ValueSource(strings = {"/v1/conversations/a%2Fb/messages", "/v1/conversations/a%00b/messages",
            "/v1/conversations/{x}/messages", "/v1/conversations/a b/messages"})
    void requestLineTomcatRefusesIsAnsweredWith400Problem(String target) throws Exception {
        RawHttp.Response response = exchange("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(response, 400, "invalid-request");
    }

    @Test
    void headerOverTheLimitIsAnsweredWith400Problem() throws Exception {
        RawHttp.Response response = exchange("GET /v1/conversations/" + conversation + "/messages HTTP/1.1\r\n"
                + "Host: localhost\r\nX-Big: " + "a".repeat(25 * 1024) + "\r\n\r\n");

        assertProblem(response, 400, "invalid-request");
    }

    @Test
    void queryWithMoreParametersThanTheLimitIsAnsweredWith400Problem() throws Exception {
        String query = IntStream.range(0, 1100).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));

        RawHttp.Response response = exchange("GET /v1/conversations/" + conversation + "/messages?" + query
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(response, 400, "invalid-request");
    }

    @Test
    void errorPathIsNotAPublic500() throws Exception {
        RawHttp.Response response = exchange("GET /error HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(response, 404, "not-found");
    }

    @Test
    void hostHeaderIsReflectedIntoNoDocument() throws Exception {
        RawHttp.Response apiDocs = exchange("GET /v3/api-docs HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        RawHttp.Response links = exchange("GET /actuator HTTP/1.1\r\nHost: evil.example\r\n\r\n");

        assertThat(apiDocs.status()).isEqualTo(200);
        assertThat(apiDocs.body()).contains("\"servers\":[{\"url\":\"/\"").doesNotContain("evil.example");
        assertThat(links.status()).isEqualTo(404);
        assertThat(links.body()).doesNotContain("evil.example");
    }

    @Test
    void pathWithMatrixParametersIsRefusedAndNothingPosted() {
        http.post().uri("/v1/conversations/" + conversation + ";x=1/messages").contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"hi\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-request");

        assertThat(redis.keys("chat:{" + conversation + "*")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "%2B5", "05", "%EF%BC%95", "5.0", "1e1", "%205"})
    void numberThatIsNotPlainDecimalIsRefused(String limit) {
        http.get().uri("/v1/conversations/" + conversation + "/messages?limit=" + limit).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("limit")
                .jsonPath("$.errors[0].message").isEqualTo("must be a plain decimal number");
    }

    @Test
    void lastEventIdThatIsNotPlainDecimalIsRefused() throws Exception {
        RawHttp.Response response = exchange("GET /v1/conversations/" + conversation + "/stream HTTP/1.1\r\n"
                + "Host: localhost\r\nLast-Event-ID: 0x1\r\n\r\n");

        assertProblem(response, 400, "invalid-request");
    }

    /** Sent whole with a Content-Length, the body is taken as it arrived; chunked, it is read asynchronously. */
    @ParameterizedTest
    @CsvSource({"C0AF,false", "E080AF,false", "EDA080,false", "F4908080,false", "FF,false", "C3,false",
            "C0AF,true", "EDA080,true"})
    void bodyThatIsNotStrictUtf8IsRefusedAndNothingStored(String hex, boolean chunked) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"senderId\":\"alice\",\"body\":\"x".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < hex.length(); i += 2) {
            body.write(Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        body.writeBytes("y\"}".getBytes(StandardCharsets.UTF_8));

        RawHttp.Response response = exchange(chunked ? postChunked(body.toByteArray()) : post(body.toByteArray()));

        assertProblem(response, 400, "invalid-request");
        assertThat(response.body()).contains("not valid UTF-8");
        assertThat(redis.keys("chat:{" + conversation + "}:*")).isEmpty();
    }

    @Test
    void textOutsideTheBasicPlaneIsStoredAndReadBackExactly() {
        String body = "pair \uD83D\uDE00 and \u20AC";
        http.post().uri("/v1/conversations/{id}/messages", conversation).contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"pair \\ud83d\\ude00 and \u20AC\",\"clientMessageId\":\"u1\"}")
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.body").isEqualTo(body);

        http.post().uri("/v1/conversations/{id}/messages", conversation).contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"" + body + "\",\"clientMessageId\":\"u1\"}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.seq").isEqualTo(1);
        http.get().uri("/v1/conversations/{id}/messages/1", conversation).exchange()
                .expectBody().jsonPath("$.body").isEqualTo(body);
    }

    private byte[] post(byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /v1/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return request.toByteArray();
    }

    private byte[] postChunked(byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /v1/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return request.toByteArray();
    }

    private RawHttp.Response exchange(String request) throws Exception {
        return exchange(request.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Response exchange(byte[] request) throws Exception {
        try (RawHttp connection = RawHttp.connect(port)) {
            return connection.send(request).read();
        }
    }

    private static void assertProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.body()).contains("\"type\":\"" + PROBLEMS + type + "\"").contains("\"status\":" + status);
    }
}
