package dev.chatsequencer.group;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A retried creation found its group deleted since (its last participant left): it is gone for good. */
class GroupDeletedException extends ErrorResponseException {

    GroupDeletedException(String clientRequestId, String conversationId) {
        super(HttpStatus.GONE, ProblemTypes.problem(HttpStatus.GONE, "group-deleted",
                "clientRequestId '" + clientRequestId + "' created group '" + conversationId + "', which was "
                        + "deleted when its last participant left; a new group needs a new clientRequestId."), null);
    }
}
