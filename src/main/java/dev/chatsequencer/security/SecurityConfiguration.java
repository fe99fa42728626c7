package dev.chatsequencer.security;

import dev.chatsequencer.redis.DevelopmentRedis;
import dev.chatsequencer.security.ChatSecurityProperties.Mode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Operations endpoints and the API description are open; the API needs an identified caller in
 * {@code jwt} and {@code gateway} mode, and trusts the request in {@code none} mode. Which conversation a caller may
 * touch is decided by the features, against the participants in Redis.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/info",
        "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    /**
     * No observation around each security filter, authentication and authorization: on every request that was a
     * dozen observations, about a tenth of a page read's CPU (bench/RESULTS.md). The request as a whole is still
     * timed by http.server.requests, and refusals are counted there by status.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ChatSecurityProperties securityProperties,
            Environment environment, ObjectProvider<DevelopmentRedis> developmentRedis,
            ObjectProvider<JwtDecoder> jwtDecoder, JsonMapper jsonMapper) throws Exception {
        DevelopmentRedis development = developmentRedis.getIfAvailable();
        Mode mode = SecurityModes.resolve(securityProperties.mode(), environment,
                development == null ? null : development.describe());
        URI publicUrl = securityProperties.publicUrl();
        ProblemEntryPoint entryPoint = new ProblemEntryPoint(jsonMapper,
                mode == Mode.JWT && publicUrl != null ? metadataUrl(publicUrl) : null);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(Customizer.withDefaults())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(OPEN).permitAll().requestMatchers(HttpMethod.OPTIONS).permitAll();
                    if (mode == Mode.NONE) {
                        requests.anyRequest().permitAll();
                    } else {
                        requests.requestMatchers("/v1/**").authenticated().anyRequest().permitAll();
                    }
                });
        switch (mode) {
            case JWT -> {
                if (jwtDecoder.getIfAvailable() == null) {
                    throw new IllegalStateException("chat.security.mode=jwt needs a way to check token signatures: "
                            + "set spring.security.oauth2.resourceserver.jwt.issuer-uri, .jwk-set-uri or "
                            + ".public-key-location");
                }
                http.oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .bearerTokenResolver(JwtConfiguration.bearerTokens()).authenticationEntryPoint(entryPoint)
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                resource -> resource.resource(publicUrl == null ? "" : publicUrl.toString())
                                        // no mutual TLS here: a certificate-bound token is not checked against one
                                        .tlsClientCertificateBoundAccessTokens(false))));
                if (publicUrl == null) {
                    // RFC 9728 metadata names the resource by its URL: unknown here, and never taken from the Host
                    http.addFilterBefore(new UnpublishedMetadata(), CsrfFilter.class);
                }
                if (!environment.containsProperty("spring.security.oauth2.resourceserver.jwt.audiences")) {
                    log.warn("spring.security.oauth2.resourceserver.jwt.audiences is not set: a token the issuer made "
                            + "for any other service of it is accepted here too. Set it to this API's audience.");
                }
                if (securityProperties.issuer() == null
                        && !environment.containsProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")) {
                    log.warn("Neither chat.security.issuer nor spring.security.oauth2.resourceserver.jwt.issuer-uri "
                            + "is set: a token is accepted whatever its iss, if its key is trusted.");
                }
                log.info("Callers are identified by OAuth2 bearer tokens (chat.security.mode=jwt)");
            }
            case GATEWAY -> {
                String header = securityProperties.gatewayUserHeader();
                http.addFilterBefore(new GatewayIdentityFilter(header, entryPoint),
                        AnonymousAuthenticationFilter.class);
                log.info("Callers are identified by the {} header of the authenticating proxy "
                        + "(chat.security.mode=gateway); the proxy must strip it from client requests", header);
            }
            case NONE -> log.warn("""

                    ************************************************************************************
                    chat.security.mode=none: NO AUTHENTICATION. Anyone who can reach this service can
                    post as anyone, read any conversation and move any read marker. {}
                    Never run this way outside a developer's machine.
                    ************************************************************************************""",
                    development == null ? "Set explicitly." : "Chosen because it runs on " + development.describe()
                            + ".");
        }
        return http.build();
    }

    /**
     * Browsers on {@code chat.cors.allowed-origins} may call the API and read what a client needs: the new message's
     * Location, when to retry, and the rate-limit headers. No origin is allowed when the list is empty.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties corsProperties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = corsProperties.allowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Last-Event-ID"));
            cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "RateLimit",
                    "RateLimit-Policy"));
            cors.setMaxAge(3600L);
            source.registerCorsConfiguration("/v1/**", cors);
        }
        return source;
    }

    private static String metadataUrl(URI publicUrl) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/.well-known/oauth-protected-resource";
    }

    /**
     * Answers the metadata's path with a 404 when no public URL is configured; it runs before Spring's metadata filter
     * (which sits before the pre-authentication filters, long after CSRF's place).
     */
    private static final class UnpublishedMetadata extends OncePerRequestFilter {

        private final RequestMatcher metadata = PathPatternRequestMatcher.withDefaults()
                .matcher("/.well-known/oauth-protected-resource/**");

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (metadata.matches(request)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
