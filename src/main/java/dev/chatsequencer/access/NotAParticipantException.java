package dev.chatsequencer.access;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Without caller identification ({@code chat.security.mode=none}): a user who is not a participant of a direct
 * conversation tried to post or mark it read.
 */
public class NotAParticipantException extends ErrorResponseException {

    public NotAParticipantException(String conversationId, String userId) {
        super(HttpStatus.FORBIDDEN, ProblemTypes.problem(HttpStatus.FORBIDDEN, "forbidden",
                "'" + userId + "' is not a participant of conversation '" + conversationId + "'."), null);
    }
}
