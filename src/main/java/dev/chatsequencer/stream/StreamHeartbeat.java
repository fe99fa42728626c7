package dev.chatsequencer.stream;

import dev.chatsequencer.timeline.TimelineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Beats every open stream each heartbeat interval: a comment keeps proxies from closing an idle stream, a stream
 * whose client took nothing for a whole interval is ended as stalled, and a stream behind the conversation's last
 * seq (a missed doorbell) catches up from the timeline.
 */
@Component
class StreamHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(StreamHeartbeat.class);

    private final StreamRegistry registry;
    private final TimelineReader timeline;
    private final AsyncTaskExecutor executor;

    StreamHeartbeat(StreamRegistry registry, TimelineReader timeline, AsyncTaskExecutor applicationTaskExecutor) {
        this.registry = registry;
        this.timeline = timeline;
        this.executor = applicationTaskExecutor;
    }

    /** One Redis read per conversation, not per stream, each on the executor so the scheduler thread never waits. */
    @Scheduled(fixedDelayString = "${chat.stream.heartbeat-interval}")
    void beat() {
        registry.forEachConversation((conversationId, subscribers) -> executor.execute(() -> {
            long lastSeq;
            try {
                lastSeq = timeline.lastSeq(conversationId, null);
            } catch (DataAccessException ex) {
                log.debug("Heartbeat of {} without catch-up: {}", conversationId, ex.getMessage());
                lastSeq = 0;
            }
            long known = lastSeq;
            subscribers.forEach(subscriber -> subscriber.heartbeat(known));
        }));
    }
}
