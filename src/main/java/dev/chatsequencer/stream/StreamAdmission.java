package dev.chatsequencer.stream;

import dev.chatsequencer.ChatProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Caps live streams per client and per instance, so no client can hold the connections and heap that every other
 * client needs. A place is taken before a stream opens and given back exactly once when it ends.
 */
@Component
class StreamAdmission {

    private final int maxPerClient;
    private final int maxPerInstance;
    private final int retryAfterSeconds;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();

    StreamAdmission(ChatProperties properties) {
        this.maxPerClient = properties.stream().maxPerClient();
        this.maxPerInstance = properties.stream().maxPerInstance();
        this.retryAfterSeconds = properties.web().retryAfterSeconds();
    }

    /** Takes a place for {@code client}, or throws 429 (the client's limit) or 503 (the instance's). */
    void admit(String client) {
        if (total.incrementAndGet() > maxPerInstance) {
            total.decrementAndGet();
            throw TooManyStreamsException.perInstance(maxPerInstance, retryAfterSeconds);
        }
        boolean[] admitted = {false};
        perClient.compute(client, (key, held) -> {
            int count = held == null ? 0 : held;
            admitted[0] = count < maxPerClient;
            return admitted[0] ? count + 1 : held;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            throw TooManyStreamsException.perClient(maxPerClient, retryAfterSeconds);
        }
    }

    void release(String client) {
        perClient.computeIfPresent(client, (key, held) -> held > 1 ? held - 1 : null);
        total.decrementAndGet();
    }

    int active() {
        return total.get();
    }
}
