package dev.chatsequencer.message;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No message has the requested seq in the conversation. */
class MessageNotFoundException extends ErrorResponseException {

    MessageNotFoundException(String conversationId, long seq) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.problem(HttpStatus.NOT_FOUND, "not-found",
                "Conversation '" + conversationId + "' has no message with seq " + seq + "."), null);
    }
}
