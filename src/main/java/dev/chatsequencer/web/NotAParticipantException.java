package dev.chatsequencer.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A user who is not a participant of a direct conversation tried to post or mark it read. */
public class NotAParticipantException extends ErrorResponseException {

    public NotAParticipantException(String conversationId, String userId) {
        super(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "'" + userId + "' is not a participant of conversation '" + conversationId + "'."), null);
    }
}
