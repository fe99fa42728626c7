package dev.chatsequencer.stream;

import dev.chatsequencer.storage.ConversationKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.Subscription;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.stereotype.Component;

/**
 * Hears the doorbells of exactly the conversations this instance holds a stream of, and hands each to their streams:
 * it subscribes to a conversation's channel when its first local stream opens and unsubscribes after its last one
 * ends, so a post to a conversation nobody here follows costs this instance nothing. Redis pub/sub is at most once;
 * the sorted set is the truth every stream reads gaps from.
 *
 * <p>Every change of the subscriptions is made by one thread, from what the registry wants at that moment: opening
 * and closing streams race freely, and the last word always wins. Each confirmed subscription (the first, and every
 * one Lettuce makes again after a reconnect) has the conversation's streams read the timeline, so nothing posted
 * before the subscription was active, or while it was down, is missed.
 */
@Component
class StreamDoorbell implements MessageListener, SubscriptionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StreamDoorbell.class);
    private static final long RETRY_MILLIS = 1000;

    private final StreamRegistry registry;
    private final SseEvents events;
    private final ConversationKeys keys;
    private final AsyncTaskExecutor executor;
    private final RedisConnectionFactory connectionFactory;
    private final Counter heard;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService changer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "doorbell-subscriptions");
        thread.setDaemon(true);
        return thread;
    });
    /** The conversations subscribed to, and the connection that holds them: only the changer thread uses them. */
    private final Set<String> subscribed = new HashSet<>();
    private RedisConnection connection;

    StreamDoorbell(StreamRegistry registry, SseEvents events, ConversationKeys keys,
            AsyncTaskExecutor applicationTaskExecutor, RedisConnectionFactory connectionFactory, MeterRegistry meters) {
        this.registry = registry;
        this.events = events;
        this.keys = keys;
        this.executor = applicationTaskExecutor;
        this.connectionFactory = connectionFactory;
        this.heard = Counter.builder("chat.stream.doorbells").description("Doorbells this instance heard: one per "
                + "entry of a conversation it holds a stream of").register(meters);
        registry.onFirstOrLast(this::changed);
    }

    /** The conversation's first local stream opened or its last one ended: the subscriptions follow, soon. */
    private void changed(String conversationId) {
        if (pending.add(conversationId)) {
            changer.execute(this::applyPending);
        }
    }

    /** Subscribes to what the registry holds and is not subscribed, unsubscribes the rest, in one command each. */
    private void applyPending() {
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (String conversationId : List.copyOf(pending)) {
            pending.remove(conversationId);
            Set<StreamSubscriber> streams = registry.of(conversationId);
            boolean wanted = streams != null && !streams.isEmpty();
            if (wanted && !subscribed.contains(conversationId)) {
                add.add(conversationId);
            } else if (!wanted && subscribed.contains(conversationId)) {
                remove.add(conversationId);
            }
        }
        try {
            if (!add.isEmpty()) {
                subscribe(add);
            }
            if (!remove.isEmpty()) {
                connection.getSubscription().unsubscribe(channels(remove));
                subscribed.removeAll(remove);
            }
        } catch (RuntimeException ex) {
            // Redis is away: try again soon; the streams meanwhile catch up at their heartbeat
            log.debug("Doorbell subscriptions not changed, retrying: {}", ex.toString());
            add.forEach(this::changed);
            remove.forEach(this::changed);
            changer.schedule(this::applyPending, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void subscribe(List<String> add) {
        Subscription subscription = connection == null ? null : connection.getSubscription();
        if (subscription != null && subscription.isAlive()) {
            subscription.subscribe(channels(add));
            subscribed.addAll(add);
            return;
        }
        // the first subscription, or the first since the last channel was dropped (which closes the subscription's
        // connection): a new connection, subscribed to everything wanted
        if (connection != null) {
            connection.close();
            connection = null;
        }
        List<String> all = new ArrayList<>(subscribed);
        all.addAll(add);
        RedisConnection opened = connectionFactory.getConnection();
        opened.subscribe(this, channels(all));
        connection = opened;
        subscribed.addAll(add);
    }

    private byte[][] channels(List<String> conversationIds) {
        return conversationIds.stream().map(id -> keys.events(id).getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    /** Runs on the Redis I/O thread, so it only looks up local streams; the event is spliced once, later. */
    @Override
    public void onMessage(org.springframework.data.redis.connection.Message notification, byte[] pattern) {
        heard.increment();
        String conversationId = keys.conversationOfEvents(new String(notification.getChannel(),
                StandardCharsets.UTF_8));
        Set<StreamSubscriber> subscribers = conversationId == null ? null : registry.of(conversationId);
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            SseEvents.StreamEvent event = events.entry(conversationId, notification.getBody());
            subscribers.forEach(subscriber -> subscriber.offer(event));
        });
    }

    /** Subscribed, first or again after a reconnect: doorbells may have rung before, so the streams read. */
    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        String conversationId = keys.conversationOfEvents(new String(channel, StandardCharsets.UTF_8));
        Set<StreamSubscriber> subscribers = conversationId == null ? null : registry.of(conversationId);
        if (subscribers != null) {
            subscribers.forEach(StreamSubscriber::catchUp);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        changer.shutdownNow();
        changer.awaitTermination(2, TimeUnit.SECONDS);
        if (connection != null) {
            connection.close();
        }
    }
}
