package dev.chatsequencer.stream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
    private volatile Consumer<String> firstOrLast = conversationId -> { };
    private volatile boolean running;

    StreamRegistry(StreamAdmission admission) {
        this.admission = admission;
    }

    void add(StreamSubscriber subscriber) {
        // Added inside compute: a concurrent release of the conversation's last stream cannot orphan this one.
        boolean[] first = {false};
        streams.compute(subscriber.conversationId(), (id, subscribers) -> {
            Set<StreamSubscriber> joined = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
            joined.add(subscriber);
            first[0] = subscribers == null;
            return joined;
        });
        if (first[0]) {
            firstOrLast.accept(subscriber.conversationId());
        }
    }

    /** Frees the stream's place here and its admission; the subscriber calls it once, however it ended. */
    void release(StreamSubscriber subscriber, StreamEnd reason) {
        admission.release(subscriber.client(), subscriber.reader(), reason);
        boolean[] last = {false};
        streams.computeIfPresent(subscriber.conversationId(), (id, subscribers) -> {
            subscribers.remove(subscriber);
            last[0] = subscribers.isEmpty();
            return last[0] ? null : subscribers;
        });
        if (last[0]) {
            firstOrLast.accept(subscriber.conversationId());
        }
    }

    /**
     * Tells {@code watcher} of every conversation whose first stream here opened or whose last one ended, once the
     * change is made (a watcher that looks sees it): the doorbell subscriptions follow.
     */
    void onFirstOrLast(Consumer<String> watcher) {
        this.firstOrLast = watcher;
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
