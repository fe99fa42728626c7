package dev.chatsequencer.conversation;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A direct conversation needs two different users; both ids were the same. */
class InvalidParticipantsException extends ErrorResponseException {

    InvalidParticipantsException() {
        super(HttpStatus.BAD_REQUEST, problem(), null);
    }

    private static ProblemDetail problem() {
        String reason = "must be two different user ids";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is invalid: participants " + reason + ".");
        problem.setProperty("errors", List.of(Map.of("field", "participants", "message", reason)));
        return problem;
    }
}
