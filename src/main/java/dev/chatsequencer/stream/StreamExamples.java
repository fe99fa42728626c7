package dev.chatsequencer.stream;

import dev.chatsequencer.web.WebProperties;
import dev.chatsequencer.web.openapi.ProblemExample;
import org.springframework.http.ProblemDetail;

/** The stream limits' problems as the API documents them, at the configured limits. */
final class StreamExamples {

    private StreamExamples() {
    }

    /** One client's limit. */
    static final class PerClient extends AtLimit {

        PerClient(StreamProperties streams, WebProperties web) {
            super(TooManyStreamsException.perClient(streams.maxPerClient(), web.retryAfterSeconds()));
        }
    }

    /** The instance's limit. */
    static final class PerInstance extends AtLimit {

        PerInstance(StreamProperties streams, WebProperties web) {
            super(TooManyStreamsException.perInstance(streams.maxPerInstance(), web.retryAfterSeconds()));
        }
    }

    /** A limit's refusal, made once at the configured limits. */
    private abstract static class AtLimit implements ProblemExample {

        private final ProblemDetail problem;

        AtLimit(TooManyStreamsException refusal) {
            this.problem = refusal.getBody();
        }

        @Override
        public ProblemDetail problem() {
            return problem;
        }
    }
}
