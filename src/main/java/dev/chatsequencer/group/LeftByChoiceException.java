package dev.chatsequencer.group;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Someone tried to add back a user who left the group by themself: only that user may rejoin. */
class LeftByChoiceException extends ErrorResponseException {

    LeftByChoiceException(String conversationId, String userId) {
        super(HttpStatus.FORBIDDEN, ProblemTypes.problem(HttpStatus.FORBIDDEN, "left-by-choice",
                "'" + userId + "' left group '" + conversationId + "' by themself; only they may rejoin it."), null);
    }
}
