package dev.chatsequencer.inbox;

import dev.chatsequencer.ChatProperties;
import dev.chatsequencer.message.MessageCodec;
import dev.chatsequencer.redis.InboxIndex;
import dev.chatsequencer.redis.InboxIndex.Activity;
import dev.chatsequencer.redis.InboxIndex.Indexed;
import dev.chatsequencer.redis.InboxIndex.Summary;
import dev.chatsequencer.redis.LuaScripts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A user's inbox, read without any write fan-out: a post touches only its conversation, so the inbox reads, for
 * every conversation in the user's index, whether the user is in it (the truth, the conversation's participants)
 * and when it was last active, sorts, and reads the rows of one page. Two pipelined rounds, however many
 * conversations; an index entry the conversation does not confirm is left out at once and dropped for good once
 * no join in progress can still confirm it.
 */
@Component
class Inbox {

    private static final Comparator<Activity> NEWEST_FIRST = Comparator.comparingLong(Activity::activityMillis)
            .reversed().thenComparing(Activity::conversationId);

    private final InboxIndex index;
    private final LuaScripts scripts;
    private final MessageCodec codec;
    private final Clock clock;
    private final int maxConversations;
    private final Duration repairAfter;
    private final Timer reads;
    private final Counter repairs;

    Inbox(InboxIndex index, LuaScripts scripts, MessageCodec codec, Clock clock, ChatProperties properties,
            MeterRegistry registry) {
        this.index = index;
        this.scripts = scripts;
        this.codec = codec;
        this.clock = clock;
        this.maxConversations = properties.inbox().maxConversations();
        this.repairAfter = properties.inbox().repairAfter();
        this.reads = Timer.builder("chat.inbox.read").description("Latency of reading one page of an inbox")
                .register(registry);
        this.repairs = Counter.builder("chat.inbox.repairs")
                .description("Inbox index entries dropped because the conversation does not have the user")
                .register(registry);
    }

    /** The page after {@code cursor} ({@code null}: the first), most recent activity first. */
    InboxPage page(String userId, InboxCursor cursor, int limit) {
        return reads.record(() -> read(userId, cursor, limit));
    }

    private InboxPage read(String userId, InboxCursor cursor, int limit) {
        List<Indexed> indexed = index.read(userId, maxConversations);
        List<Activity> activities = index.activities(userId, indexed.stream().map(Indexed::conversationId).toList());
        repair(userId, indexed, activities);
        List<Activity> page = activities.stream().filter(Activity::participant)
                .filter(activity -> cursor == null || cursor.precedes(activity.activityMillis(),
                        activity.conversationId()))
                .sorted(NEWEST_FIRST).limit(limit + 1L).toList();
        boolean hasMore = page.size() > limit;
        page = hasMore ? page.subList(0, limit) : page;
        List<Summary> summaries = index.summaries(userId, page.stream().map(Activity::conversationId).toList());
        List<InboxEntry> entries = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            entries.add(entry(page.get(i), summaries.get(i)));
        }
        Activity last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = hasMore ? new InboxCursor(last.activityMillis(), last.conversationId()).encode() : null;
        return new InboxPage(userId, entries, next);
    }

    /**
     * Drops the entries the conversations disown, unless written within {@code repairAfter}: a join writes the
     * index first, and its script may not have run yet.
     */
    private void repair(String userId, List<Indexed> indexed, List<Activity> activities) {
        Instant newest = clock.instant().minus(repairAfter);
        for (int i = 0; i < activities.size(); i++) {
            if (!activities.get(i).participant() && !indexed.get(i).indexedAt().isAfter(newest)
                    && scripts.dropStaleInboxEntry(userId, indexed.get(i).conversationId(), newest)) {
                repairs.increment();
            }
        }
    }

    private InboxEntry entry(Activity activity, Summary summary) {
        long readSeq = Math.min(summary.readSeq(), summary.lastSeq());
        return new InboxEntry(summary.conversationId(), summary.groupType() != null ? summary.groupType() : "direct",
                summary.title(), summary.lastSeq(), readSeq, summary.lastSeq() - readSeq,
                activity.activityMillis() == 0 ? null : Instant.ofEpochMilli(activity.activityMillis()),
                summary.lastEntry() == null ? null : codec.decode(summary.conversationId(), summary.lastEntry()));
    }
}
