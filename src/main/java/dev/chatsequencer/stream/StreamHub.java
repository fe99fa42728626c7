package dev.chatsequencer.stream;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.message.Message;
import dev.chatsequencer.message.MessageCodec;
import dev.chatsequencer.message.MessageStore;
import dev.chatsequencer.redis.ConversationKeys;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds this instance's live streams, grouped by conversation. Redis pub/sub is only the doorbell (at most once) and
 * the sorted set is the truth every stream reads gaps from.
 *
 * <p>The instance listens with one pattern subscription for all conversations, made once at start-up, rather than a
 * subscription per conversation: per-conversation subscribe and unsubscribe calls raced inside the listener
 * container under load (about one in 25 of 5,000 concurrent subscriptions was silently lost), and each new one left
 * a window before it became active. The price is that every instance hears every message's doorbell and drops those
 * of conversations it holds no stream for.
 */
@Component
class StreamHub implements SmartLifecycle, MessageListener, SubscriptionListener {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

    private final MessageStore store;
    private final MessageCodec codec;
    private final SseEvents events;
    private final ConversationKeys keys;
    private final RedisMessageListenerContainer container;
    private final AsyncTaskExecutor executor;
    private final StreamAdmission admission;
    private final long timeoutMillis;
    private final int maxPendingBytes;
    private final Map<String, Set<StreamSubscriber>> streams = new ConcurrentHashMap<>();
    private volatile boolean running;

    StreamHub(MessageStore store, MessageCodec codec, SseEvents events, ConversationKeys keys,
            RedisMessageListenerContainer container, AsyncTaskExecutor applicationTaskExecutor,
            StreamAdmission admission, ChatProperties properties) {
        this.store = store;
        this.codec = codec;
        this.events = events;
        this.keys = keys;
        this.container = container;
        this.executor = applicationTaskExecutor;
        this.admission = admission;
        this.timeoutMillis = properties.stream().timeout().toMillis();
        this.maxPendingBytes = Math.toIntExact(properties.stream().maxPendingBytes().toBytes());
    }

    /**
     * Opens a stream that first sends every stored message after {@code after}, then live ones. The response is
     * taken over asynchronously, so the request thread returns at once and no thread is held while the stream lives.
     *
     * @param after the last seq the client has, or {@code null} for only messages from now on
     * @param client who holds the stream, for the per-client limit
     */
    void open(String conversationId, Long after, String client, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        admission.admit(client);
        long start;
        AsyncContext async;
        ServletOutputStream out;
        try {
            start = after != null ? after : store.lastSeq(conversationId);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            // Tells nginx-style proxies not to buffer the stream.
            response.setHeader("X-Accel-Buffering", "no");
            out = response.getOutputStream();
            async = request.startAsync(request, response);
            async.setTimeout(timeoutMillis);
        } catch (RuntimeException | IOException ex) {
            admission.cancel(client);
            throw ex;
        }
        StreamSubscriber subscriber = new StreamSubscriber(conversationId, client, async, out, store, events,
                executor, maxPendingBytes, "stream of " + conversationId + " after " + start, start, this::release);
        // From here on the subscriber gives its place back, whichever way the stream ends.
        async.addListener(subscriber);
        // Added inside compute: a concurrent release of the conversation's last stream cannot orphan this one.
        streams.compute(conversationId, (id, subscribers) -> {
            Set<StreamSubscriber> joined = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
            joined.add(subscriber);
            return joined;
        });
        out.setWriteListener(subscriber);
        subscriber.start();
    }

    /** A doorbell: decoded and encoded once, and only when this instance holds a stream of that conversation. */
    @Override
    public void onMessage(org.springframework.data.redis.connection.Message notification, byte[] pattern) {
        String conversationId = keys.conversationOfEvents(new String(notification.getChannel(),
                StandardCharsets.UTF_8));
        Set<StreamSubscriber> subscribers = conversationId == null ? null : streams.get(conversationId);
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            Message message = codec.decode(conversationId, new String(notification.getBody(),
                    StandardCharsets.UTF_8));
            byte[] event = events.message(message);
            subscribers.forEach(subscriber -> subscriber.offer(message.seq(), event));
        });
    }

    /** (Re)subscribed, e.g. after Redis came back: doorbells may have been missed meanwhile, so every stream reads. */
    @Override
    public void onPatternSubscribed(byte[] pattern, long count) {
        streams.values().forEach(subscribers -> subscribers.forEach(StreamSubscriber::catchUp));
    }

    /** Sends heartbeats, and lets each stream catch up if the timeline holds more than it sent (a missed doorbell). */
    @Scheduled(fixedDelayString = "${chat.stream.heartbeat-interval}")
    void heartbeat() {
        streams.forEach((conversationId, subscribers) -> executor.execute(() -> {
            long lastSeq;
            try {
                lastSeq = store.lastSeq(conversationId);
            } catch (DataAccessException ex) {
                log.debug("Heartbeat of {} without catch-up: {}", conversationId, ex.getMessage());
                lastSeq = 0;
            }
            long known = lastSeq;
            subscribers.forEach(subscriber -> subscriber.heartbeat(known));
        }));
    }

    private void release(StreamSubscriber subscriber, StreamEnd reason) {
        admission.release(subscriber.client(), reason);
        streams.computeIfPresent(subscriber.conversationId(), (id, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    @Override
    public void start() {
        container.addMessageListener(this, new PatternTopic(keys.allEvents()));
        running = true;
    }

    /** Completes every open stream so a graceful shutdown does not wait for clients that never hang up. */
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
