package dev.chatsequencer.access;

import dev.chatsequencer.web.openapi.ProblemExample;
import org.springframework.http.ProblemDetail;

/** The problems of the access kernel as the API documents them, made by the exceptions that raise them. */
public final class AccessExamples {

    /** The conversation every access example names. */
    public static final String CONVERSATION = "dm_95b6c4721fa54608b418c4b7cf86a32b";

    private AccessExamples() {
    }

    /** No such conversation for the caller. */
    public static final class ConversationNotFound implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new ConversationNotFoundException(CONVERSATION).getBody();
        }
    }

    /** Without identification, a direct conversation's outsider. */
    public static final class NotAParticipant implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new NotAParticipantException(CONVERSATION, "carol").getBody();
        }
    }

    /** senderId names someone other than the caller. */
    public static final class SenderIsNotTheCaller implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return NotTheCallerException.claimed("senderId", "bob").getBody();
        }
    }

    /** userId names someone other than the caller. */
    public static final class UserIsNotTheCaller implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return NotTheCallerException.claimed("userId", "bob").getBody();
        }
    }
}
