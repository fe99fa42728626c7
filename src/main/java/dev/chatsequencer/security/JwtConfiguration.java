package dev.chatsequencer.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which bearer tokens identify a caller, as identity providers issue them: where a token may come from, and the
 * checks Spring Boot adds to the decoder it builds (it adds every token validator bean, whatever the key source).
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    /** The user claim (Spring Boot's principal-claim-name, {@code sub} by default) must be a valid identifier. */
    @Bean
    SubjectIsAnIdentifier subjectIsAnIdentifier(Environment environment) {
        return new SubjectIsAnIdentifier(environment.getProperty(
                "spring.security.oauth2.resourceserver.jwt.principal-claim-name", "sub"));
    }

    /**
     * Every token expires: one without {@code exp} would be valid forever (Spring checks {@code exp} only when it is
     * there). Spring Boot adds every token validator bean to the decoder it builds, whatever the key source.
     */
    @Bean
    JwtClaimValidator<Object> expiryRequired() {
        return new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull);
    }

    /**
     * The token types identity providers issue: a plain JWT ({@code typ} JWT or absent) and an RFC 9068 access token
     * ({@code at+jwt}); this one replaces Spring's default, which takes JWT only.
     */
    @Bean
    JwtTypeValidator accessTokenTypes() {
        JwtTypeValidator types = new JwtTypeValidator("JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt");
        types.setAllowEmpty(true);
        return types;
    }

    /**
     * With {@code chat.security.issuer} set, the token's {@code iss} must be it in every key-source mode. Spring Boot
     * checks its own {@code issuer-uri} only, and setting that beside a public key makes it fetch the keys from the
     * issuer instead: a public key would otherwise take any issuer.
     */
    @Bean
    @ConditionalOnProperty("chat.security.issuer")
    JwtIssuerValidator expectedIssuer(ChatSecurityProperties securityProperties) {
        return new JwtIssuerValidator(securityProperties.issuer());
    }

    /**
     * The token comes in the Authorization header; only a stream ({@code GET /v1/conversations/{id}/stream}, the
     * route itself, not any path that happens to end in {@code /stream}) may also take it as
     * {@code ?access_token=}, because a browser's EventSource cannot send headers (RFC 6750 section 2.3; keep such
     * URLs out of access logs).
     */
    static BearerTokenResolver bearerTokens() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        RequestMatcher stream = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET,
                "/v1/conversations/{conversationId}/stream");
        return (HttpServletRequest request) -> stream.matches(request) ? headerOrQuery.resolve(request)
                : header.resolve(request);
    }

}
