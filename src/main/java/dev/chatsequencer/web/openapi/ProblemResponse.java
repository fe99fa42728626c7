package dev.chatsequencer.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem response an operation answers with, on the controller method (or on an annotation composed of it, such as
 * the access kernel's {@code @ParticipantsOnly}); its examples are made by the exceptions that raise it, so the
 * document shows exactly what the service sends. Where the method and a composed annotation name the same status,
 * the one nearer the method wins.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponses.class)
public @interface ProblemResponse {

    String status();

    String description();

    /** Where the examples come from, one example (named by problem type) per problem. */
    Class<? extends ProblemExample>[] examples();

    /** The response carries {@code Retry-After}. */
    boolean retryAfter() default false;
}
