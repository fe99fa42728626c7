package dev.chatsequencer.security;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How callers are identified: {@code mode} jwt, gateway or none ({@code null}: decided at start-up, see
 * SecurityModes); in gateway mode the proxy names the caller in {@code gatewayUserHeader}. {@code publicUrl} is
 * where clients reach the service (e.g. {@code https://chat.example.com}): the only origin the service ever names
 * in an answer (OAuth protected-resource metadata); {@code null} names none, and no request's Host is echoed.
 * {@code issuer}, when set, is the {@code iss} every token must carry, whatever gives the keys (a public key, a
 * JWK set URI or the issuer's own discovery).
 */
@Validated
@ConfigurationProperties("chat.security")
public record ChatSecurityProperties(Mode mode, @NotBlank String gatewayUserHeader, URI publicUrl, String issuer) {

    /** jwt: OAuth2 bearer tokens; gateway: a trusted proxy's header; none: the request is trusted. */
    public enum Mode { JWT, GATEWAY, NONE }
}
