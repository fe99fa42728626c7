package dev.chatsequencer.message;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No message has the requested seq in the conversation. */
class MessageNotFoundException extends ErrorResponseException {

    MessageNotFoundException(String conversationId, long seq) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Conversation '" + conversationId + "' has no message with seq " + seq + "."), null);
    }
}
