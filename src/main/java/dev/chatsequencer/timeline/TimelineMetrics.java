package dev.chatsequencer.timeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Meters of the timeline's write path and reads. Tags are low-cardinality by construction (an entry type), never a
 * conversation or user id, so a busy chat product cannot blow up the Prometheus series count.
 */
@Component
class TimelineMetrics {

    /** From a tenth of a millisecond (a local Redis) to a second (a struggling one); 2 s is the command timeout. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0,
            100.0, 250.0, 500.0, 1000.0).map(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);

    private final Timer append;
    private final Timer read;
    private final DistributionSummary pageSize;
    private final Map<EntryType, Counter> appended = new EnumMap<>(EntryType.class);

    TimelineMetrics(MeterRegistry registry) {
        this.append = Timer.builder("chat.sequence.assign")
                .description("Latency of an append script: checks, INCR, ZADD")
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
        for (EntryType type : EntryType.values()) {
            appended.put(type, Counter.builder("chat.timeline.appended")
                    .description("Timeline entries appended, each at the next seq").tag("type", type.wire())
                    .register(registry));
        }
    }

    <T> T timeAppend(Supplier<T> work) {
        return append.record(work);
    }

    <T> T timeRead(Supplier<T> work) {
        return read.record(work);
    }

    void pageServed(int entries) {
        pageSize.record(entries);
    }

    void appended(EntryType type) {
        appended.get(type).increment();
    }
}
