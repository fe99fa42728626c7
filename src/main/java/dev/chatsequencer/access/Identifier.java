package dev.chatsequencer.access;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An id of a conversation, user or client message: 1-128 characters of {@code [A-Za-z0-9._:@+|-]}, starting with a
 * letter, digit, {@code _} or {@code -}. That takes the subjects identity providers issue: Auth0's
 * {@code auth0|5f7c...} and {@code google-oauth2|1043...}, Okta's {@code 00u1...}, Keycloak's and Cognito's UUIDs,
 * Entra ID's pairwise base64url ids, Firebase's and Google's. Braces can never appear, so an id is always safe inside
 * a Redis hash tag.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = Identifier.PATTERN)
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Identifier {

    /** Anchored, so the OpenAPI document states the whole rule (validation matches the whole value either way). */
    String PATTERN = "^[A-Za-z0-9_-][A-Za-z0-9._:@+|-]{0,127}$";

    String message() default
            "must be 1-128 characters of [A-Za-z0-9._:@+|-], starting with a letter, digit, _ or -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
