package dev.chatsequencer.web.openapi;

import dev.chatsequencer.web.WebProperties;
import dev.chatsequencer.web.problem.ProblemHandler;
import org.springframework.http.ProblemDetail;

/** The problem every operation that uses Redis answers with while Redis is unreachable, as the API documents it. */
public final class StorageUnavailable implements ProblemExample {

    private final int retryAfterSeconds;

    StorageUnavailable(WebProperties webProperties) {
        this.retryAfterSeconds = webProperties.retryAfterSeconds();
    }

    @Override
    public ProblemDetail problem() {
        return ProblemHandler.storageUnavailable(Integer.toString(retryAfterSeconds));
    }
}
