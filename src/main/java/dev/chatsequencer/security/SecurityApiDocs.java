package dev.chatsequencer.security;

import dev.chatsequencer.redis.DevelopmentRedis;
import dev.chatsequencer.security.ChatSecurityProperties.Mode;
import dev.chatsequencer.web.openapi.ProblemDocs;
import dev.chatsequencer.web.problem.ProblemTypes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Declares the bearer scheme every API operation needs (Swagger UI's "Authorize" then sends the token) and the 401
 * each of them can answer; in mode none the scheme is optional, as the running service needs nothing.
 */
@Component
class SecurityApiDocs implements OpenApiCustomizer {

    static final String SCHEME = "bearer";

    private final Mode mode;

    SecurityApiDocs(ChatSecurityProperties securityProperties, Environment environment,
            ObjectProvider<DevelopmentRedis> developmentRedis) {
        DevelopmentRedis development = developmentRedis.getIfAvailable();
        this.mode = SecurityModes.resolve(securityProperties.mode(), environment,
                development == null ? null : development.describe());
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT").description("An OAuth2 access token (JWT) from the identity "
                        + "provider; its sub claim is the caller's user id (chat.security.mode=jwt). Behind an "
                        + "authenticating proxy (mode gateway) the proxy sends the caller's id instead; in mode none, "
                        + "for development only, nothing is needed."));
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
            if (mode == Mode.NONE) {
                // the document describes the running service: without identification nothing is required
                operation.addSecurityItem(new SecurityRequirement());
            }
            operation.getResponses().addApiResponse("401", ProblemDocs.response("No valid bearer token: missing, "
                    + "malformed, expired, unsigned or signed by an unknown key", unauthorized())
                    .addHeaderObject("WWW-Authenticate", new Header().description("Bearer challenge (RFC 6750), "
                            + "with error=\"invalid_token\" when a token was sent").schema(new StringSchema())));
        }));
    }

    private static ProblemDetail unauthorized() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                ProblemEntryPoint.MISSING);
        problem.setType(ProblemTypes.of(ProblemEntryPoint.TYPE));
        return problem;
    }
}
