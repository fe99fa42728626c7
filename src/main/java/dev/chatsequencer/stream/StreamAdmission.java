package dev.chatsequencer.stream;

import dev.chatsequencer.ChatProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Caps live streams per client and per instance, so no client can hold the connections and heap that every other
 * client needs, and counts them for operators. A place is taken before a stream opens and given back exactly once
 * when it ends.
 */
@Component
class StreamAdmission {

    private final int maxPerClient;
    private final int maxPerInstance;
    private final int retryAfterSeconds;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Counter refusedPerClient;
    private final Counter refusedPerInstance;
    private final Map<StreamEnd, Counter> ended = new EnumMap<>(StreamEnd.class);

    StreamAdmission(ChatProperties properties, MeterRegistry registry) {
        this.maxPerClient = properties.stream().maxPerClient();
        this.maxPerInstance = properties.stream().maxPerInstance();
        this.retryAfterSeconds = properties.web().retryAfterSeconds();
        Gauge.builder("chat.streams.active", total, AtomicInteger::get)
                .description("Live streams open on this instance").register(registry);
        this.refusedPerClient = refused(registry, "client");
        this.refusedPerInstance = refused(registry, "instance");
        for (StreamEnd reason : StreamEnd.values()) {
            ended.put(reason, Counter.builder("chat.streams.ended").tag("reason", reason.tag())
                    .description("Live streams ended, by why").register(registry));
        }
    }

    private static Counter refused(MeterRegistry registry, String limit) {
        return Counter.builder("chat.streams.refused").tag("limit", limit)
                .description("Streams refused because a client or the instance held as many as it may")
                .register(registry);
    }

    /** Takes a place for {@code client}, or throws 429 (the client's limit) or 503 (the instance's). */
    void admit(String client) {
        if (total.incrementAndGet() > maxPerInstance) {
            total.decrementAndGet();
            refusedPerInstance.increment();
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
            refusedPerClient.increment();
            throw TooManyStreamsException.perClient(maxPerClient, retryAfterSeconds);
        }
    }

    /** Gives back the place of a stream that ended. */
    void release(String client, StreamEnd reason) {
        giveBack(client);
        ended.get(reason).increment();
    }

    /** Gives back a place taken for a stream that never opened (e.g. Redis did not answer). */
    void cancel(String client) {
        giveBack(client);
    }

    private void giveBack(String client) {
        perClient.computeIfPresent(client, (key, held) -> held > 1 ? held - 1 : null);
        total.decrementAndGet();
    }

}
