package dev.chatsequencer.conversation;

import dev.chatsequencer.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An identified caller asked to act as another user: post as them, move their marker, open their conversation. */
public class NotTheCallerException extends ErrorResponseException {

    public NotTheCallerException(String detail) {
        super(HttpStatus.FORBIDDEN, ProblemTypes.problem(HttpStatus.FORBIDDEN, "not-the-caller", detail), null);
    }
}
