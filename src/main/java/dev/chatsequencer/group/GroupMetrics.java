package dev.chatsequencer.group;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Meters of groups: creations and membership changes, tagged by kind only, never by group or user. */
@Component
class GroupMetrics {

    private final Counter created;
    private final Counter added;
    private final Counter removed;

    GroupMetrics(MeterRegistry registry) {
        this.created = Counter.builder("chat.groups.created").description("Groups created (retries not counted)")
                .register(registry);
        this.added = change(registry, "added");
        this.removed = change(registry, "removed");
    }

    void created() {
        created.increment();
    }

    void changed(boolean add) {
        (add ? added : removed).increment();
    }

    private static Counter change(MeterRegistry registry, String change) {
        return Counter.builder("chat.groups.membership.changes")
                .description("Participants added to or removed from groups, each an entry in the timeline")
                .tag("change", change).register(registry);
    }
}
