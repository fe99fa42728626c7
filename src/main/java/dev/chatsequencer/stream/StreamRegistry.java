package dev.chatsequencer.stream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's open streams, grouped by conversation. On shutdown it completes them all, so a graceful shutdown
 * does not wait for clients that never hang up; its phase (the default, the highest) stops it before the web server
 * starts waiting for requests in flight.
 */
@Component
class StreamRegistry implements SmartLifecycle {

    private final StreamAdmission admission;
    private final Map<String, Set<StreamSubscriber>> streams = new ConcurrentHashMap<>();
    private volatile boolean running;

    StreamRegistry(StreamAdmission admission) {
        this.admission = admission;
    }

    void add(StreamSubscriber subscriber) {
        // Added inside compute: a concurrent release of the conversation's last stream cannot orphan this one.
        streams.compute(subscriber.conversationId(), (id, subscribers) -> {
            Set<StreamSubscriber> joined = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
            joined.add(subscriber);
            return joined;
        });
    }

    /** Frees the stream's place here and its admission; the subscriber calls it once, however it ended. */
    void release(StreamSubscriber subscriber, StreamEnd reason) {
        admission.release(subscriber.client(), subscriber.reader(), reason);
        streams.computeIfPresent(subscriber.conversationId(), (id, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    /** The streams of one conversation on this instance, or {@code null} when there are none. */
    Set<StreamSubscriber> of(String conversationId) {
        return streams.get(conversationId);
    }

    void forEachConversation(BiConsumer<String, Set<StreamSubscriber>> action) {
        streams.forEach(action);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        streams.values().forEach(subscribers -> subscribers.forEach(StreamSubscriber::complete));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
