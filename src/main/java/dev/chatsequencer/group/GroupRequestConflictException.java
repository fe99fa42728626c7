package dev.chatsequencer.group;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A clientRequestId was reused for a different group: a retry must repeat the original creation exactly. */
class GroupRequestConflictException extends ErrorResponseException {

    GroupRequestConflictException(String clientRequestId, String conversationId) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(clientRequestId, conversationId), null);
    }

    private static ProblemDetail problem(String clientRequestId, String conversationId) {
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-conflict",
                "clientRequestId '" + clientRequestId + "' already created group '" + conversationId
                        + "' with other participants, title or history visibility; a retry must send the same "
                        + "request.");
        problem.setProperty("conversationId", conversationId);
        return problem;
    }
}
