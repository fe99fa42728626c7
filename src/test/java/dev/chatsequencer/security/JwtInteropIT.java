package dev.chatsequencer.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens as identity providers issue them, checked in Spring Boot's public-key mode with an expected issuer and
 * audience: every token must expire, come from the issuer and be meant for this API; RFC 9068 access tokens, Auth0's
 * subjects and tokens of 16 KB work. And nothing a client sends in Host or X-Forwarded-Host comes back.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtInteropIT {

    static final TestIssuer ISSUER = new TestIssuer();
    static final String AUDIENCE = "https://chat.example.test";

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance(ISSUER.publicKeyLocationProperty(),
            "chat.security.issuer=https://issuer.test",
            "spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE);

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void aTokenAsTheIssuerMakesItForThisApiIsAccepted() throws IOException {
        String token = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience(AUDIENCE).build(), null);

        assertThat(inbox(token).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutExpiryIsRefusedInsteadOfValidForever() throws IOException {
        String token = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience(AUDIENCE).expirationTime(null).build(),
                null);

        RawHttp.Response refused = inbox(token);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedAlthoughSignedWithTheTrustedKey() throws IOException {
        String token = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience(AUDIENCE)
                .issuer("https://another-issuer.test").build(), null);

        assertThat(inbox(token).status()).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceOrForNoneIsRefused() throws IOException {
        String other = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience("https://other.example.test").build(),
                null);
        String none = ISSUER.sign(ISSUER.claimsOf("alice-" + run).build(), null);

        assertThat(inbox(other).status()).isEqualTo(401);
        assertThat(inbox(none).status()).isEqualTo(401);
    }

    @Test
    void rfc9068AccessTokensAndPlainJwtTypesAreAcceptedAndOtherTypesRefused() throws IOException {
        for (String type : List.of("at+jwt", "JWT", "application/at+jwt")) {
            String token = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience(AUDIENCE).build(), type);
            assertThat(inbox(token).status()).as(type).isEqualTo(200);
        }
        String logout = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience(AUDIENCE).build(), "logout+jwt");
        assertThat(inbox(logout).status()).isEqualTo(401);
    }

    @Test
    void auth0AndGoogleSubjectsActAsThemselvesInPathsEncodedOrNot() throws IOException {
        for (String subject : List.of("auth0|5f7c8ec7c33c6c004bbafe82" + run, "google-oauth2|1043" + run,
                "_AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ" + run)) {
            String token = ISSUER.sign(ISSUER.claimsOf(subject).audience(AUDIENCE).build(), null);
            RawHttp.Response mine = get("/v1/users/" + subject + "/conversations", token);
            RawHttp.Response encoded = get("/v1/users/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                    + "/conversations", token);

            assertThat(mine.status()).as(subject + ": " + mine.body()).isEqualTo(200);
            assertThat(mine.body()).contains("\"userId\":\"" + subject + "\"");
            assertThat(encoded.status()).as(subject).isEqualTo(200);
        }
    }

    @Test
    void aTokenOf16KilobytesIsAccepted() throws IOException {
        String token = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience(AUDIENCE)
                .claim("groups", "g".repeat(12_000)).build(), null);
        assertThat(token.length()).isGreaterThan(16 * 1024);

        assertThat(inbox(token).status()).isEqualTo(200);
    }

    @Test
    void noAnswerEchoesTheHostAClientSends() throws IOException {
        String forged = "X-Forwarded-Host: evil.example\r\nHost: evil.example\r\n";

        RawHttp.Response challenge = request("GET /v1/users/me/conversations HTTP/1.1\r\n" + forged + "\r\n");
        RawHttp.Response metadata = request("GET /.well-known/oauth-protected-resource HTTP/1.1\r\n" + forged
                + "\r\n");
        RawHttp.Response swagger = request("GET /v3/api-docs/swagger-config HTTP/1.1\r\n" + forged + "\r\n");

        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.head() + challenge.body()).doesNotContain("evil.example");
        assertThat(metadata.status()).isEqualTo(404);
        assertThat(metadata.head() + metadata.body()).doesNotContain("evil.example");
        assertThat(swagger.head() + swagger.body()).doesNotContain("evil.example");
    }

    @Test
    void a401ToARequestWithoutABodyKeepsTheConnectionForTheNextRequest() throws IOException {
        String valid = ISSUER.sign(ISSUER.claimsOf("alice-" + run).audience(AUDIENCE).build(), null);
        try (RawHttp http = RawHttp.connect(service.port())) {
            RawHttp.Response refused = http.send("GET /v1/users/me/conversations HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .read();
            RawHttp.Response next = http.send("GET /v1/users/me/conversations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + valid + "\r\n\r\n").read();

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Connection")).isNull();
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void a401ToARequestWhoseBodyIsNotReadSaysTheConnectionCloses() throws IOException {
        try (RawHttp http = RawHttp.connect(service.port())) {
            RawHttp.Response refused = http.send("POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"partic").read();

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void anAccessTokenInTheQueryOpensOnlyStreams() throws IOException {
        String alice = "alice-" + run;
        String token = ISSUER.sign(ISSUER.claimsOf(alice).audience(AUDIENCE).build(), null);
        String query = "?access_token=" + token;

        RawHttp.Response marker = get("/v1/conversations/dm_x/read-markers/stream" + query, null);
        RawHttp.Response inbox = get("/v1/users/me/conversations" + query, null);

        assertThat(marker.status()).isEqualTo(401);
        assertThat(inbox.status()).isEqualTo(401);
        try (RawHttp http = RawHttp.connect(service.port())) {
            String head = http.send("GET /v1/conversations/dm_" + run + "/stream" + query
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").readHead();
            // identified: the outsider is told there is no such conversation, not that a token is missing
            assertThat(head).startsWith("HTTP/1.1 404");
        }
    }

    private RawHttp.Response inbox(String token) throws IOException {
        return get("/v1/users/me/conversations", token);
    }

    private RawHttp.Response get(String target, String token) throws IOException {
        return request("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n");
    }

    private RawHttp.Response request(String text) throws IOException {
        try (RawHttp http = RawHttp.connect(service.port())) {
            return http.send(text).read();
        }
    }
}
