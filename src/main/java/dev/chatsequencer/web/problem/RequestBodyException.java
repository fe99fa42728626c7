package dev.chatsequencer.web.problem;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Why a request body was refused before any handler saw it. Thrown from the body stream at the handler's first
 * read, so the message converter fails and {@link ProblemHandler} answers with this status and problem type.
 */
public class RequestBodyException extends IOException {

    private final HttpStatus status;
    private final String slug;
    private final boolean unreadRemains;

    private RequestBodyException(HttpStatus status, String slug, String detail, boolean unreadRemains) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.unreadRemains = unreadRemains;
    }

    public static RequestBodyException tooLarge(long limit) {
        return new RequestBodyException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "The request body exceeds the limit of " + limit + " bytes.", true);
    }

    public static RequestBodyException tooSlow(long seconds) {
        return new RequestBodyException(HttpStatus.REQUEST_TIMEOUT, "request-timeout",
                "The request body did not arrive within " + seconds + " s.", true);
    }

    public static RequestBodyException notUtf8() {
        return new RequestBodyException(HttpStatus.BAD_REQUEST, "invalid-request",
                "The request body is not valid UTF-8.", false);
    }

    HttpStatus status() {
        return status;
    }

    public ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(ProblemTypes.of(slug));
        return problem;
    }

    /** True when part of the body was never read, so the connection cannot carry another request. */
    public boolean unreadRemains() {
        return unreadRemains;
    }
}
