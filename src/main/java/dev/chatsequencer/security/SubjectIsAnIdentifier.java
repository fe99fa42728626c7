package dev.chatsequencer.security;

import dev.chatsequencer.access.Identifier;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token whose user claim is not a valid identifier: the user id goes into Redis keys and hash tags, so a
 * subject like {@code a{b}} or an e-mail with a space must never become a caller. Spring Boot adds this validator to
 * the decoder it builds from the {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 */
final class SubjectIsAnIdentifier implements OAuth2TokenValidator<Jwt> {

    private static final Pattern IDENTIFIER = Pattern.compile(Identifier.PATTERN);

    private final String claim;

    SubjectIsAnIdentifier(String claim) {
        this.claim = claim;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object value = token.getClaims().get(claim);
        if (value instanceof String userId && IDENTIFIER.matcher(userId).matches()) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token's " + claim + " claim is not a valid user id", null));
    }
}
