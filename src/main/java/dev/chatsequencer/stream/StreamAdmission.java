package dev.chatsequencer.stream;

import dev.chatsequencer.web.WebProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Caps live streams per client address, per signed-in user and per instance, so no client and no account can hold
 * the connections and heap that every other client needs, and counts them for operators. The user's cap holds from
 * any number of addresses. A place is taken before a stream opens and given back exactly once when it ends.
 */
@Component
class StreamAdmission {

    private final int maxPerClient;
    private final int maxPerUser;
    private final int maxPerInstance;
    private final int retryAfterSeconds;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<String, Integer> perUser = new ConcurrentHashMap<>();
    private final Counter refusedPerClient;
    private final Counter refusedPerUser;
    private final Counter refusedPerInstance;
    private final Map<StreamEnd, Counter> ended = new EnumMap<>(StreamEnd.class);

    StreamAdmission(WebProperties webProperties, StreamProperties streamProperties, MeterRegistry registry) {
        this.maxPerClient = streamProperties.maxPerClient();
        this.maxPerUser = streamProperties.maxPerUser();
        this.maxPerInstance = streamProperties.maxPerInstance();
        this.retryAfterSeconds = webProperties.retryAfterSeconds();
        Gauge.builder("chat.streams.active", total, AtomicInteger::get)
                .description("Live streams open on this instance").register(registry);
        this.refusedPerClient = refused(registry, "client");
        this.refusedPerUser = refused(registry, "user");
        this.refusedPerInstance = refused(registry, "instance");
        for (StreamEnd reason : StreamEnd.values()) {
            ended.put(reason, Counter.builder("chat.streams.ended").tag("reason", reason.tag())
                    .description("Live streams ended, by why").register(registry));
        }
    }

    private static Counter refused(MeterRegistry registry, String limit) {
        return Counter.builder("chat.streams.refused").tag("limit", limit)
                .description("Streams refused because a client, a user or the instance held as many as it may")
                .register(registry);
    }

    /**
     * Takes a place for {@code client} and {@code user} ({@code null}: nobody identified), or throws 429 (the client's
     * or the user's limit) or 503 (the instance's).
     */
    void admit(String client, String user) {
        if (total.incrementAndGet() > maxPerInstance) {
            total.decrementAndGet();
            refusedPerInstance.increment();
            throw TooManyStreamsException.perInstance(maxPerInstance, retryAfterSeconds);
        }
        if (!take(perClient, client, maxPerClient)) {
            total.decrementAndGet();
            refusedPerClient.increment();
            throw TooManyStreamsException.perClient(maxPerClient, retryAfterSeconds);
        }
        if (user != null && !take(perUser, user, maxPerUser)) {
            giveBack(perClient, client);
            total.decrementAndGet();
            refusedPerUser.increment();
            throw TooManyStreamsException.perUser(maxPerUser, retryAfterSeconds);
        }
    }

    /** Gives back the place of a stream that ended. */
    void release(String client, String user, StreamEnd reason) {
        cancel(client, user);
        ended.get(reason).increment();
    }

    /** Gives back a place taken for a stream that never opened (e.g. Redis did not answer). */
    void cancel(String client, String user) {
        giveBack(perClient, client);
        if (user != null) {
            giveBack(perUser, user);
        }
        total.decrementAndGet();
    }

    private static boolean take(Map<String, Integer> held, String holder, int max) {
        boolean[] admitted = {false};
        held.compute(holder, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < max;
            return admitted[0] ? now + 1 : count;
        });
        return admitted[0];
    }

    private static void giveBack(Map<String, Integer> held, String holder) {
        held.computeIfPresent(holder, (key, count) -> count > 1 ? count - 1 : null);
    }

}
