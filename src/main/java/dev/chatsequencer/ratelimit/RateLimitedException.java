package dev.chatsequencer.ratelimit;

import dev.chatsequencer.web.problem.ProblemTypes;
import java.math.BigDecimal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A user sent more requests of one kind than their bucket allows: 429 with when to retry. */
public class RateLimitedException extends ErrorResponseException {

    RateLimitedException(RateLimiter.Limit limit, RateLimitProperties.Bucket bucket, long retryAfterSeconds,
            HttpHeaders headers) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many " + limit.id() + ": at most " + bucket.capacity() + " at once, then "
                        + BigDecimal.valueOf(bucket.refillPerSecond()).stripTrailingZeros().toPlainString()
                        + " per second. Retry after " + retryAfterSeconds + " s."),
                null);
        getHeaders().putAll(headers);
    }
}
