package dev.chatsequencer.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The service's own meters. Tags are low-cardinality by construction: an outcome or a problem type, never a
 * conversation or user id, so a busy chat product cannot blow up the Prometheus series count.
 */
@Component
class MessageMetrics {

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter replayed;

    MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = posted(registry, "created");
        this.replayed = posted(registry, "replayed");
    }

    /** Counts a post that got a problem response; {@code reason} is the problem type's slug. */
    void rejected(String reason) {
        Counter.builder("chat.messages.rejected").description("Posts refused with a problem response")
                .tag("reason", reason).register(registry).increment();
    }

    void posted(boolean wasCreated) {
        (wasCreated ? created : replayed).increment();
    }

    private static Counter posted(MeterRegistry registry, String outcome) {
        return Counter.builder("chat.messages.posted").description("Posts answered with a message")
                .tag("outcome", outcome).register(registry);
    }
}
