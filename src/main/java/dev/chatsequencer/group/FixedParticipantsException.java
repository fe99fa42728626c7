package dev.chatsequencer.group;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A direct or open conversation was asked to change its participants: only a group's change. */
class FixedParticipantsException extends ErrorResponseException {

    FixedParticipantsException(String conversationId) {
        super(HttpStatus.CONFLICT, ProblemTypes.problem(HttpStatus.CONFLICT, "fixed-participants",
                "Conversation '" + conversationId + "' is not a group; its participants are fixed."), null);
    }
}
