package dev.chatsequencer.access;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An identified caller asked to act as another user: post as them, move their marker, open their conversation. */
public class NotTheCallerException extends ErrorResponseException {

    public NotTheCallerException(String detail) {
        super(HttpStatus.FORBIDDEN, ProblemTypes.problem(HttpStatus.FORBIDDEN, "not-the-caller", detail), null);
    }

    /** The request's {@code field} claims {@code claimed}, who is not the caller. */
    public static NotTheCallerException claimed(String field, String claimed) {
        return new NotTheCallerException(field + " '" + claimed + "' is not the caller; a user acts only as "
                + "themself (leave " + field + " out, or send the caller's own id).");
    }
}
