package dev.chatsequencer.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A token issuer for tests, as an identity provider would be: an RSA key made here, its public half served as a JWK
 * set over HTTP on loopback (what {@code jwk-set-uri} points at), and real signed tokens. Also the bad tokens a
 * client may send: expired, signed by another key under the same key id, and unsigned ({@code alg: none}).
 */
public final class TestIssuer implements AutoCloseable {

    private static final String KEY_ID = "test-key";

    private final RSAKey key = generate();
    private final RSAKey otherKey = generate();
    private final HttpServer server;

    public TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    /** The property that points the service at this issuer's keys. */
    public String jwkSetUriProperty() {
        return "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:" + server.getAddress().getPort()
                + "/jwks";
    }

    /**
     * The property that gives the service this issuer's public key as a PEM file (Spring Boot's public-key-location
     * mode), written to a temporary file.
     */
    public String publicKeyLocationProperty() {
        try {
            Path pem = Files.createTempFile("issuer", ".pem");
            pem.toFile().deleteOnExit();
            String encoded = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.toRSAPublicKey().getEncoded());
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + encoded + "\n-----END PUBLIC KEY-----\n");
            return "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem;
        } catch (IOException | JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The claims of a valid token for {@code subject}, good for an hour, to change before {@link #sign}. */
    public JWTClaimsSet.Builder claimsOf(String subject) {
        return new JWTClaimsSet.Builder(claims(subject, Instant.now().plus(Duration.ofHours(1))));
    }

    /** Signs {@code claims} with this issuer's key, with the {@code typ} header given ({@code null}: none). */
    public String sign(JWTClaimsSet claims, String type) {
        return sign(key, claims, type);
    }

    /** A valid token for {@code subject}, good for an hour. */
    public String token(String subject) {
        return sign(key, claims(subject, Instant.now().plus(Duration.ofHours(1))));
    }

    public String expired(String subject) {
        return sign(key, claims(subject, Instant.now().minus(Duration.ofHours(1))));
    }

    public String signedByAnotherKey(String subject) {
        return sign(otherKey, claims(subject, Instant.now().plus(Duration.ofHours(1))));
    }

    public String unsigned(String subject) {
        return new PlainJWT(claims(subject, Instant.now().plus(Duration.ofHours(1)))).serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static JWTClaimsSet claims(String subject, Instant expires) {
        return new JWTClaimsSet.Builder().subject(subject).issuer("https://issuer.test")
                .issueTime(Date.from(expires.minus(Duration.ofHours(2)))).expirationTime(Date.from(expires)).build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        return sign(signingKey, claims, null);
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims, String type) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID);
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
