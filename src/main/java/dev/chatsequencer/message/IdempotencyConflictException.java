package dev.chatsequencer.message;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A clientMessageId was reused for a different body: a retry must repeat the original post exactly. */
class IdempotencyConflictException extends ErrorResponseException {

    IdempotencyConflictException(String clientMessageId, long originalSeq) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(clientMessageId, originalSeq), null);
    }

    private static ProblemDetail problem(String clientMessageId, long originalSeq) {
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-conflict",
                "clientMessageId '" + clientMessageId + "' was already used for a different message (seq "
                        + originalSeq + "); a retry must send the same body.");
        problem.setProperty("seq", originalSeq);
        return problem;
    }
}
