package dev.chatsequencer.access;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The conversation does not exist, or the caller is not one of its participants: one answer for both, so that an
 * outsider cannot learn that a conversation exists.
 */
public class ConversationNotFoundException extends ErrorResponseException {

    public ConversationNotFoundException(String conversationId) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.problem(HttpStatus.NOT_FOUND, "conversation-not-found",
                "There is no conversation '" + conversationId + "' that you take part in."), null);
    }
}
