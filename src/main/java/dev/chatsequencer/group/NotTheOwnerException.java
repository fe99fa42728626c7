package dev.chatsequencer.group;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A participant tried to remove someone else from a group they do not own. */
class NotTheOwnerException extends ErrorResponseException {

    NotTheOwnerException(String conversationId, String userId) {
        super(HttpStatus.FORBIDDEN, ProblemTypes.problem(HttpStatus.FORBIDDEN, "not-the-owner",
                "Only the owner of group '" + conversationId + "' removes others; '" + userId
                        + "' may only leave themself."), null);
    }
}
