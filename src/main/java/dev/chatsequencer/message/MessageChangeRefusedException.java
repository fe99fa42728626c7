package dev.chatsequencer.message;

import dev.chatsequencer.web.problem.ProblemTypes;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An edit or a deletion of a message that its rules refuse; nothing was written and no seq was taken. */
class MessageChangeRefusedException extends ErrorResponseException {

    private MessageChangeRefusedException(HttpStatus status, String slug, String detail) {
        super(status, ProblemTypes.problem(status, slug, detail), null);
    }

    /** Someone other than the sender edits, or someone other than the sender or a group's owner deletes. */
    static MessageChangeRefusedException notTheSender(long seq, String actor, boolean edit) {
        return new MessageChangeRefusedException(HttpStatus.FORBIDDEN, "not-the-sender", "'" + actor + "' did not "
                + "send the message at seq " + seq + "; " + (edit ? "only its sender edits it."
                        : "only its sender or the group's owner deletes it."));
    }

    /** The entry at the seq is a membership change or a change of a message. */
    static MessageChangeRefusedException notAMessage(long seq) {
        return new MessageChangeRefusedException(HttpStatus.CONFLICT, "not-a-message", "The entry at seq " + seq
                + " is not a message; only messages are edited or deleted.");
    }

    /** An edit of a deleted message. */
    static MessageChangeRefusedException deleted(long seq) {
        return new MessageChangeRefusedException(HttpStatus.CONFLICT, "message-deleted", "The message at seq " + seq
                + " was deleted; there is nothing to edit.");
    }

    /** The message has taken the most edits it may. */
    static MessageChangeRefusedException editLimit(long seq, int maxEdits) {
        return new MessageChangeRefusedException(HttpStatus.CONFLICT, "edit-limit-reached", "The message at seq "
                + seq + " was edited " + maxEdits + " times, the most a message may be.");
    }

    /** The sender's delete window has passed. */
    static MessageChangeRefusedException windowPassed(long seq, Duration window) {
        return new MessageChangeRefusedException(HttpStatus.FORBIDDEN, "delete-window-passed", "The message at seq "
                + seq + " is older than the delete window (" + window + "); only a group's owner deletes it now.");
    }
}
