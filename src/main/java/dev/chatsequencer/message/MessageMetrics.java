package dev.chatsequencer.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The service's own meters. Tags are low-cardinality by construction: an outcome or a problem type, never a
 * conversation or user id, so a busy chat product cannot blow up the Prometheus series count.
 */
@Component
public class MessageMetrics {

    /** From a tenth of a millisecond (a local Redis) to a second (a struggling one); 2 s is the command timeout. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0,
            100.0, 250.0, 500.0, 1000.0).map(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter replayed;
    private final Timer assign;
    private final Timer read;
    private final DistributionSummary pageSize;

    MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = posted(registry, "created");
        this.replayed = posted(registry, "replayed");
        this.assign = Timer.builder("chat.sequence.assign")
                .description("Latency of the atomic post script: idempotency check, INCR, ZADD")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.read = Timer.builder("chat.timeline.read")
                .description("Latency of reading one timeline page from Redis")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.pageSize = DistributionSummary.builder("chat.timeline.page.size")
                .description("Messages returned per timeline page")
                .baseUnit("messages")
                .serviceLevelObjectives(1, 10, 25, 50, 100, 200)
                .register(registry);
    }

    /** Counts a post that got a problem response; {@code reason} is the problem type's slug. */
    void rejected(String reason) {
        Counter.builder("chat.messages.rejected").description("Posts refused with a problem response")
                .tag("reason", reason).register(registry).increment();
    }

    void posted(boolean wasCreated) {
        (wasCreated ? created : replayed).increment();
    }

    <T> T timeAssign(Supplier<T> work) {
        return assign.record(work);
    }

    <T> T timeRead(Supplier<T> work) {
        return read.record(work);
    }

    void pageServed(int messages) {
        pageSize.record(messages);
    }

    private static Counter posted(MeterRegistry registry, String outcome) {
        return Counter.builder("chat.messages.posted").description("Posts answered with a message")
                .tag("outcome", outcome).register(registry);
    }
}
