package dev.chatsequencer.message;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A message body exceeds {@code chat.messages.max-body-length}. */
class MessageTooLongException extends ErrorResponseException {

    MessageTooLongException(int maxBodyLength) {
        super(HttpStatus.BAD_REQUEST, problem(maxBodyLength), null);
    }

    private static ProblemDetail problem(int maxBodyLength) {
        String reason = "must be at most " + maxBodyLength + " characters";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "body " + reason + ".");
        problem.setProperty("errors", List.of(Map.of("field", "body", "message", reason)));
        return problem;
    }
}
