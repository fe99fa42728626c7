package dev.chatsequencer.stream;

import dev.chatsequencer.web.WebProperties;
import dev.chatsequencer.web.openapi.ProblemExample;
import org.springframework.http.ProblemDetail;

/** The stream limits' problems as the API documents them, at the configured limits. */
final class StreamExamples {

    private StreamExamples() {
    }

    /** One client's limit. */
    static final class PerClient implements ProblemExample {

        private final StreamProperties streams;
        private final WebProperties web;

        PerClient(StreamProperties streams, WebProperties web) {
            this.streams = streams;
            this.web = web;
        }

        @Override
        public ProblemDetail problem() {
            return TooManyStreamsException.perClient(streams.maxPerClient(), web.retryAfterSeconds()).getBody();
        }
    }

    /** The instance's limit. */
    static final class PerInstance implements ProblemExample {

        private final StreamProperties streams;
        private final WebProperties web;

        PerInstance(StreamProperties streams, WebProperties web) {
            this.streams = streams;
            this.web = web;
        }

        @Override
        public ProblemDetail problem() {
            return TooManyStreamsException.perInstance(streams.maxPerInstance(), web.retryAfterSeconds()).getBody();
        }
    }
}
