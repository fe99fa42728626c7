package dev.chatsequencer.group;

import dev.chatsequencer.access.AccessExamples;
import dev.chatsequencer.access.ConversationNotFoundException;
import dev.chatsequencer.web.openapi.ProblemExample;
import org.springframework.http.ProblemDetail;

/** The problems of groups as the API documents them, made by the exceptions that raise them. */
final class GroupExamples {

    static final String GROUP = "gr_9f86d081884c7d659a2feaa0c55ad015";
    static final String REQUEST = "c7d1-create-1";

    private GroupExamples() {
    }

    static final class Deleted implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new GroupDeletedException(REQUEST, GROUP).getBody();
        }
    }

    static final class RequestConflict implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new GroupRequestConflictException(REQUEST, GROUP).getBody();
        }
    }

    static final class LeftByChoice implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new LeftByChoiceException(GROUP, "dave").getBody();
        }
    }

    static final class FixedParticipants implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new FixedParticipantsException(AccessExamples.CONVERSATION).getBody();
        }
    }

    /** At the configured size limit. */
    static final class Full implements ProblemExample {

        private final int maxParticipants;

        Full(GroupProperties groupProperties) {
            this.maxParticipants = groupProperties.maxParticipants();
        }

        @Override
        public ProblemDetail problem() {
            return new GroupFullException(GROUP, maxParticipants).getBody();
        }
    }

    static final class NotTheOwner implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new NotTheOwnerException(GROUP, "bob").getBody();
        }
    }

    /** No such group for the caller. */
    static final class NotFound implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new ConversationNotFoundException(GROUP).getBody();
        }
    }

    static final class ParticipantNotFound implements ProblemExample {

        @Override
        public ProblemDetail problem() {
            return new ParticipantNotFoundException(GROUP, "dave").getBody();
        }
    }
}
