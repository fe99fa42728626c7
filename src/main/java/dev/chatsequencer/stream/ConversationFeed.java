package dev.chatsequencer.stream;

import dev.chatsequencer.message.Message;
import dev.chatsequencer.message.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The streams of one conversation held by this instance, and their single pub/sub subscription. Each confirmed
 * (re)subscription triggers a catch-up, which closes the window between reading stored messages and hearing live ones
 * and recovers whatever was published while the subscription was down.
 */
final class ConversationFeed implements MessageListener, SubscriptionListener {

    private final String conversationId;
    private final ChannelTopic topic;
    private final MessageCodec codec;
    private final Executor executor;
    private final RedisMessageListenerContainer container;
    private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private boolean listening;
    private boolean retired;

    ConversationFeed(String conversationId, String channel, MessageCodec codec, Executor executor,
            RedisMessageListenerContainer container) {
        this.conversationId = conversationId;
        this.topic = ChannelTopic.of(channel);
        this.codec = codec;
        this.executor = executor;
        this.container = container;
    }

    Set<StreamSubscriber> subscribers() {
        return subscribers;
    }

    /** Subscribes to the channel unless already subscribed or retired (a retired feed has left the hub). */
    synchronized void ensureListening() {
        if (!listening && !retired) {
            container.addMessageListener(this, topic);
            listening = true;
        }
    }

    /** Unsubscribes for good; called once the feed has no streams and has left the hub. */
    synchronized void retire() {
        retired = true;
        if (listening) {
            container.removeMessageListener(this, topic);
            listening = false;
        }
    }

    @Override
    public void onMessage(org.springframework.data.redis.connection.Message notification, byte[] pattern) {
        Message message = codec.decode(conversationId, new String(notification.getBody(), StandardCharsets.UTF_8));
        executor.execute(() -> subscribers.forEach(subscriber -> subscriber.offer(message)));
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        executor.execute(() -> subscribers.forEach(StreamSubscriber::catchUp));
    }
}
