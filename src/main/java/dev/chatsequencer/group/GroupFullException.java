package dev.chatsequencer.group;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A group already has as many participants as chat.groups.max-participants allows. */
class GroupFullException extends ErrorResponseException {

    GroupFullException(String conversationId, int maxParticipants) {
        super(HttpStatus.CONFLICT, ProblemTypes.problem(HttpStatus.CONFLICT, "group-full",
                "Group '" + conversationId + "' already has " + maxParticipants + " participants, the most a "
                        + "group may have."), null);
    }
}
