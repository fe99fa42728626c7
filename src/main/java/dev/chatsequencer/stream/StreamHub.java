package dev.chatsequencer.stream;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.message.MessageCodec;
import dev.chatsequencer.message.MessageStore;
import dev.chatsequencer.redis.ConversationKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Holds this instance's live streams, grouped by conversation, one Redis subscription per conversation with local
 * streams. Redis pub/sub is only the doorbell (at most once); the sorted set is the truth every stream reads gaps from.
 */
@Component
class StreamHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

    private final MessageStore store;
    private final MessageCodec codec;
    private final ConversationKeys keys;
    private final RedisMessageListenerContainer container;
    private final AsyncTaskExecutor executor;
    private final long timeoutMillis;
    private final Map<String, ConversationFeed> feeds = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean running;

    StreamHub(MessageStore store, MessageCodec codec, ConversationKeys keys, RedisMessageListenerContainer container,
            AsyncTaskExecutor applicationTaskExecutor, ChatProperties properties, MeterRegistry registry) {
        this.store = store;
        this.codec = codec;
        this.keys = keys;
        this.container = container;
        this.executor = applicationTaskExecutor;
        this.timeoutMillis = properties.stream().timeout().toMillis();
        Gauge.builder("chat.streams.active", active, AtomicInteger::get)
                .description("Live streams open on this instance").register(registry);
    }

    /**
     * Opens a stream that first sends every stored message after {@code after}, then live ones.
     *
     * @param after the last seq the client has, or {@code null} for only messages from now on
     */
    SseEmitter open(String conversationId, Long after) {
        long start = after != null ? after : store.lastSeq(conversationId);
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        try {
            // Commits the response at once, so the client knows it is connected before any message exists.
            emitter.send(SseEmitter.event().comment("stream of " + conversationId + " after " + start));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        StreamSubscriber subscriber = new StreamSubscriber(conversationId, emitter, store, start, this::release);
        emitter.onCompletion(() -> release(subscriber));
        emitter.onTimeout(() -> release(subscriber));
        emitter.onError(ex -> release(subscriber));
        ConversationFeed feed = feeds.compute(conversationId, (id, existing) -> {
            ConversationFeed joined = existing != null ? existing
                    : new ConversationFeed(id, keys.events(id), codec, executor, container);
            joined.subscribers().add(subscriber);
            return joined;
        });
        active.incrementAndGet();
        feed.ensureListening();
        executor.execute(subscriber::catchUp);
        return emitter;
    }

    /** Sends heartbeats, and lets each stream catch up if the timeline holds more than it sent (a missed doorbell). */
    @Scheduled(fixedDelayString = "${chat.stream.heartbeat-interval}")
    void heartbeat() {
        feeds.forEach((conversationId, feed) -> executor.execute(() -> {
            long lastSeq;
            try {
                lastSeq = store.lastSeq(conversationId);
            } catch (DataAccessException ex) {
                log.debug("Heartbeat of {} without catch-up: {}", conversationId, ex.getMessage());
                lastSeq = 0;
            }
            long known = lastSeq;
            feed.subscribers().forEach(subscriber -> subscriber.heartbeat(known));
        }));
    }

    private void release(StreamSubscriber subscriber) {
        if (!subscriber.markReleased()) {
            return;
        }
        active.decrementAndGet();
        ConversationFeed[] emptied = new ConversationFeed[1];
        feeds.computeIfPresent(subscriber.conversationId(), (id, feed) -> {
            feed.subscribers().remove(subscriber);
            if (feed.subscribers().isEmpty()) {
                emptied[0] = feed;
                return null;
            }
            return feed;
        });
        if (emptied[0] != null) {
            emptied[0].retire();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Completes every open stream so a graceful shutdown does not wait for clients that never hang up. */
    @Override
    public void stop() {
        running = false;
        feeds.values().forEach(feed -> feed.subscribers().forEach(StreamSubscriber::complete));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown phase, which would otherwise wait for the streams. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
