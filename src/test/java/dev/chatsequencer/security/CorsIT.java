package dev.chatsequencer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.RedisIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Browsers on an allowed origin may post, read and follow streams, and read the headers a client needs; other
 * origins may not; with no origin configured, none may.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsIT {

    static final String APP = "https://app.example";

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.cors.allowed-origins=" + APP);

    @LocalServerPort
    int defaultPort;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredForPostsWithTokens() throws Exception {
        HttpResponse<String> preflight = preflight(service.baseUrl(), APP, "POST");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization").contains("content-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "PATCH", "PUT"})
    void aPreflightFromTheAllowedOriginAllowsEveryMethodTheApiHas(String method) throws Exception {
        HttpResponse<String> preflight = preflight(service.baseUrl(), APP, method);

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains(method);
    }

    @Test
    void responsesToTheAllowedOriginExposeLocationRetryAfterAndRateLimits() throws Exception {
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                        + "/v1/conversations/cors-1/messages")).header("Origin", APP)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"senderId\":\"alice\",\"body\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(posted.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(posted.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("Location", "Retry-After", "RateLimit", "RateLimit-Policy");
    }

    @Test
    void anotherOriginIsRefusedAndWithoutConfigurationNoOriginIsAllowed() throws Exception {
        HttpResponse<String> elsewhere = preflight(service.baseUrl(), "https://evil.example", "POST");
        HttpResponse<String> unconfigured = preflight("http://localhost:" + defaultPort, APP, "POST");

        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(unconfigured.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String base, String origin, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/conversations/cors-1/messages"))
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
