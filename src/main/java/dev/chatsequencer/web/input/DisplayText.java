package dev.chatsequencer.web.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text that people read in a chat: no control characters (in {@code multiline} text, line feeds and tabs are
 * allowed), no bidi embeddings, overrides or isolates (they make a screen show text in another order than it is
 * stored), and at least one visible character (not only spaces, zero-width or filler characters). {@code null} is
 * valid; other constraints say whether a value is required.
 */
@Documented
@Constraint(validatedBy = DisplayTextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DisplayText {

    /** Whether line feeds, carriage returns and tabs may appear. */
    boolean multiline() default false;

    String message() default "must be readable text: no control characters (but line breaks and tabs in a body), no "
            + "bidi overrides, and at least one visible character";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
