package dev.chatsequencer.stream;

import dev.chatsequencer.web.problem.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A client already holds as many live streams as one client may, or the instance as many as it may hold. */
class TooManyStreamsException extends ErrorResponseException {

    private TooManyStreamsException(HttpStatus status, String slug, String detail, int retryAfterSeconds) {
        super(status, ProblemTypes.problem(status, slug, detail), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
    }

    /** 429: this client's own limit; other clients are unaffected. */
    static TooManyStreamsException perClient(int limit, int retryAfterSeconds) {
        return new TooManyStreamsException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams",
                "This client already holds " + limit + " live streams, the most one client may; close one first.",
                retryAfterSeconds);
    }

    /** 429: this user's own limit, from whichever addresses they connect. */
    static TooManyStreamsException perUser(int limit, int retryAfterSeconds) {
        return new TooManyStreamsException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams",
                "This user already holds " + limit + " live streams, the most one user may; close one first.",
                retryAfterSeconds);
    }

    /** 503: the instance is full; a load balancer or the client's retry finds another instance. */
    static TooManyStreamsException perInstance(int limit, int retryAfterSeconds) {
        return new TooManyStreamsException(HttpStatus.SERVICE_UNAVAILABLE, "streams-at-capacity",
                "This instance holds " + limit + " live streams, the most it may; retry later.", retryAfterSeconds);
    }
}
