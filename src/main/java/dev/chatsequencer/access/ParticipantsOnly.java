package dev.chatsequencer.access;

import dev.chatsequencer.web.openapi.ProblemResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation on one conversation that only its participants may see: an outsider gets the same 404 as for a
 * conversation that does not exist, documented once here.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ProblemResponse(status = "404", description = "No such conversation, or the caller is not one of its participants "
        + "(the same answer for both)", examples = AccessExamples.ConversationNotFound.class)
public @interface ParticipantsOnly {
}
