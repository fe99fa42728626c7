package dev.chatsequencer.security;

import dev.chatsequencer.security.ChatSecurityProperties.Mode;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Decides how callers are identified when {@code chat.security.mode} is not set: with a JWT location configured,
 * by tokens; on the development Redis, not at all; anywhere else start-up fails, so that no deployment is ever open
 * by accident.
 */
final class SecurityModes {

    /** The Spring Boot properties that give the resource server a way to check token signatures. */
    static final List<String> JWT_PROPERTIES = List.of("spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            "spring.security.oauth2.resourceserver.jwt.public-key-location",
            "spring.security.oauth2.resourceserver.jwt.audiences");

    private SecurityModes() {
    }

    /**
     * @param configured {@code chat.security.mode}, or {@code null}
     * @param developmentRedis the development Redis the service runs on, or {@code null}
     */
    static Mode resolve(Mode configured, Environment environment, String developmentRedis) {
        if (configured != null) {
            return configured;
        }
        if (JWT_PROPERTIES.stream().anyMatch(environment::containsProperty)) {
            return Mode.JWT;
        }
        if (developmentRedis != null) {
            return Mode.NONE;
        }
        throw new IllegalStateException("No way to identify callers is configured, and this is not the development "
                + "Redis. Set spring.security.oauth2.resourceserver.jwt.issuer-uri (or .jwk-set-uri, "
                + ".public-key-location) to accept OAuth2 bearer tokens, chat.security.mode=gateway behind an "
                + "authenticating proxy, or chat.security.mode=none to trust the senderId of every request "
                + "(development only: anyone may then post as anyone).");
    }
}
