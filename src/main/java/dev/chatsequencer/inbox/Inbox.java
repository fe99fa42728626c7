package dev.chatsequencer.inbox;

import dev.chatsequencer.access.ConversationType;
import dev.chatsequencer.storage.ConversationSummaries;
import dev.chatsequencer.storage.ConversationSummaries.Summary;
import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.timeline.TimelineCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A user's inbox, read without any write fan-out: a post touches only its conversation. The inbox reads the last
 * activity of every conversation in the user's index (one MGET), sorts, and then reads the rows of one page, each
 * with the user's membership (the truth, the conversation's participants), in one pipelined round. An index entry
 * the conversation does not confirm is left out, the next candidate takes its place, and the entry is dropped for
 * good once no join in progress can still confirm it.
 */
@Component
class Inbox {

    private final InboxIndex index;
    private final ConversationSummaries conversations;
    private final LuaScripts scripts;
    private final TimelineCodec codec;
    private final Clock clock;
    private final Duration repairAfter;
    private final Timer reads;
    private final Counter repairs;

    Inbox(InboxIndex index, ConversationSummaries conversations, LuaScripts scripts, TimelineCodec codec, Clock clock,
            InboxProperties inboxProperties, MeterRegistry registry) {
        this.index = index;
        this.conversations = conversations;
        this.scripts = scripts;
        this.codec = codec;
        this.clock = clock;
        this.repairAfter = inboxProperties.repairAfter();
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
        List<Candidate> candidates = candidates(userId, cursor);
        List<Candidate> rows = new ArrayList<>(limit + 1);
        List<Summary> summaries = new ArrayList<>(limit + 1);
        Instant newest = clock.instant().minus(repairAfter);
        int next = 0;
        // usually one round: an entry the conversation disowns is rare, and the next candidate fills its place
        while (rows.size() <= limit && next < candidates.size()) {
            List<Candidate> batch = candidates.subList(next, Math.min(candidates.size(),
                    next + limit + 1 - rows.size()));
            next += batch.size();
            List<Summary> read = conversations.summaries(userId,
                    batch.stream().map(Candidate::conversationId).toList());
            for (int i = 0; i < batch.size(); i++) {
                if (read.get(i).participant()) {
                    rows.add(batch.get(i));
                    summaries.add(read.get(i));
                } else {
                    repair(userId, batch.get(i), newest);
                }
            }
        }
        boolean hasMore = rows.size() > limit;
        List<InboxEntry> entries = new ArrayList<>(limit);
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            entries.add(entry(rows.get(i), summaries.get(i)));
        }
        Candidate last = hasMore ? rows.get(limit - 1) : null;
        return new InboxPage(userId, entries, last == null ? null
                : new InboxCursor(last.activityMillis(), last.conversationId()).encode());
    }

    /** The indexed conversations after the cursor, most recent activity first, then by id. */
    private List<Candidate> candidates(String userId, InboxCursor cursor) {
        List<String> indexed = index.read(userId);
        long[] activities = conversations.activities(indexed);
        List<Candidate> candidates = new ArrayList<>(indexed.size());
        for (int i = 0; i < activities.length; i++) {
            if (cursor == null || cursor.precedes(activities[i], indexed.get(i))) {
                candidates.add(new Candidate(indexed.get(i), activities[i]));
            }
        }
        candidates.sort(Comparator.comparingLong(Candidate::activityMillis).reversed()
                .thenComparing(Candidate::conversationId));
        return candidates;
    }

    /**
     * Drops an entry the conversation disowns, unless written after {@code newest}: a rejoin indexes just after its
     * script, and this read may have looked at the participants before that script ran.
     */
    private void repair(String userId, Candidate candidate, Instant newest) {
        if (scripts.dropStaleInboxEntry(userId, candidate.conversationId(), newest)) {
            repairs.increment();
        }
    }

    private InboxEntry entry(Candidate candidate, Summary summary) {
        return new InboxEntry(summary.conversationId(), summary.groupType() != null
                ? ConversationType.ofWire(summary.groupType()) : ConversationType.DIRECT,
                summary.title(), summary.lastSeq(), summary.readSeq(), summary.unread(),
                candidate.activityMillis() == 0 ? null : Instant.ofEpochMilli(candidate.activityMillis()),
                summary.lastEntry() == null ? null : new String(codec.apiJson(summary.conversationId(),
                        summary.lastEntry()), StandardCharsets.UTF_8));
    }

    /** A conversation the index names, and its last activity (0: none recorded). */
    private record Candidate(String conversationId, long activityMillis) {
    }
}
