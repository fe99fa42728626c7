package dev.chatsequencer.stream;

import dev.chatsequencer.storage.ConversationKeys;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.stereotype.Component;

/**
 * Hears every conversation's doorbell on one pattern subscription and hands each message to this instance's streams
 * of that conversation. Redis pub/sub is at most once; the sorted set is the truth every stream reads gaps from.
 *
 * <p>One pattern subscription for all conversations, made once at start-up, rather than one per conversation:
 * per-conversation subscribe and unsubscribe calls raced inside the listener container under load (about one in 25
 * of 5,000 concurrent subscriptions was silently lost), and each new one left a window before it became active. The
 * price is that every instance hears every doorbell and drops those of conversations it holds no stream for.
 */
@Component
class StreamDoorbell implements MessageListener, SubscriptionListener {

    private final StreamRegistry registry;
    private final SseEvents events;
    private final ConversationKeys keys;
    private final AsyncTaskExecutor executor;

    StreamDoorbell(StreamRegistry registry, SseEvents events, ConversationKeys keys,
            AsyncTaskExecutor applicationTaskExecutor) {
        this.registry = registry;
        this.events = events;
        this.keys = keys;
        this.executor = applicationTaskExecutor;
    }

    /** Runs on the Redis I/O thread, so it only looks up local streams; the event is spliced once, later. */
    @Override
    public void onMessage(org.springframework.data.redis.connection.Message notification, byte[] pattern) {
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

    /** (Re)subscribed, e.g. after Redis came back: doorbells may have been missed meanwhile, so every stream reads. */
    @Override
    public void onPatternSubscribed(byte[] pattern, long count) {
        registry.forEachConversation((conversationId, subscribers) -> subscribers.forEach(StreamSubscriber::catchUp));
    }
}
