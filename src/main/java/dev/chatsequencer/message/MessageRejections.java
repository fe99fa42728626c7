package dev.chatsequencer.message;

import dev.chatsequencer.web.problem.ProblemRaised;
import org.springframework.context.event.EventListener;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Counts the posts that were answered with a problem, by problem type ({@code chat_messages_rejected_total}). */
@Component
class MessageRejections {

    private static final PathPattern POSTS = PathPatternParser.defaultInstance.parse(MessageController.PATH);

    private final MessageMetrics metrics;

    MessageRejections(MessageMetrics metrics) {
        this.metrics = metrics;
    }

    @EventListener
    void onProblem(ProblemRaised problem) {
        if ("POST".equals(problem.method()) && POSTS.matches(PathContainer.parsePath(problem.path()))) {
            metrics.rejected(problem.type());
        }
    }
}
