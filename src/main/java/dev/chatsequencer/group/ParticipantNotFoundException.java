package dev.chatsequencer.group;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The user to remove is not a participant of the group. */
class ParticipantNotFoundException extends ErrorResponseException {

    ParticipantNotFoundException(String conversationId, String userId) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.problem(HttpStatus.NOT_FOUND, "participant-not-found",
                "'" + userId + "' is not a participant of group '" + conversationId + "'."), null);
    }
}
