package dev.chatsequencer.timeline;

import dev.chatsequencer.web.openapi.ProblemExample;
import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A retried write whose entry retention has taken since: it cannot be answered from the entry, and writing it again
 * would store it twice, so the retry learns the seq it had and nothing is written.
 */
public class EntryExpiredException extends ErrorResponseException {

    /** {@code retriedId}: the clientMessageId or clientRequestId retried ({@code null}: none was given). */
    public EntryExpiredException(String retriedId, String conversationId, long seq) {
        super(HttpStatus.GONE, problem(retriedId, conversationId, seq), null);
    }

    private static ProblemDetail problem(String retriedId, String conversationId, long seq) {
        String request = retriedId == null ? "The retried request" : "The request '" + retriedId + "'";
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.GONE, "entry-expired", request + " wrote seq " + seq
                + " of conversation '" + conversationId + "', which retention has removed since; nothing is written "
                + "again.");
        problem.setProperty("seq", seq);
        return problem;
    }

    /** A retried post whose message retention has taken, as the API documents it. */
    public static final class Example implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new EntryExpiredException("c7d1-1", "dm_3f2a9c", 7).getBody();
        }
    }
}
