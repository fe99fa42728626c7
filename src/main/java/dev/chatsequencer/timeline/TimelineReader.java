package dev.chatsequencer.timeline;

import dev.chatsequencer.access.ConversationNotFoundException;
import dev.chatsequencer.redis.ReplicaAcknowledgement;
import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.storage.StoredPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads of a timeline, each one read_page.lua call that sees one consistent snapshot: pages and single entries as the
 * API's JSON (spliced, never decoded), confirmed pages for streams, the last seq. A {@code reader} is the participant
 * whose membership the read checks ({@code null}: anyone may read, mode none).
 */
@Component
public class TimelineReader {

    private final LuaScripts scripts;
    private final ConversationKeys keys;
    private final ReplicaAcknowledgement replicas;
    private final TimelineCodec codec;
    private final TimelineMetrics metrics;
    private final long maxPageBytes;

    TimelineReader(LuaScripts scripts, ConversationKeys keys, ReplicaAcknowledgement replicas, TimelineCodec codec,
            TimelineMetrics metrics, TimelineProperties properties) {
        this.scripts = scripts;
        this.keys = keys;
        this.replicas = replicas;
        this.codec = codec;
        this.metrics = metrics;
        this.maxPageBytes = properties.maxPageBytes().toBytes();
    }

    /**
     * A page, as the API's JSON (UTF-8): after {@code after} oldest first, else the newest below {@code before};
     * ascending either way. The most frequent request of a chat client costs one script call and a copy of bytes.
     *
     * @throws ConversationNotFoundException when {@code reader} is not a participant
     */
    public byte[] pageJson(String conversationId, Long after, Long before, int limit, String reader) {
        StoredPage page = servedPage(conversationId, after, before, limit, reader, false);
        return codec.pageJson(conversationId, page, missing(page, after, before));
    }

    /**
     * The ranges inside the span a page covers that its reader cannot see. The span runs from just after
     * {@code after} to the last entry (or, when nothing more is there, the last seq); read newest first, from the
     * first entry (or, when nothing more is there, seq 1) to just below {@code before}.
     */
    List<TimelineGap> missing(StoredPage page, Long after, Long before) {
        long retained = page.retained();
        long beforeJoined = page.hiddenBeforeJoined();
        if (retained == 0 && beforeJoined == 0 && page.cleared() == 0) {
            return List.of();
        }
        List<byte[]> members = page.members();
        long from;
        long to;
        if (after != null) {
            from = after + 1;
            to = page.hasMore() ? codec.seq(members.get(members.size() - 1)) : page.lastSeq();
        } else {
            from = page.hasMore() ? codec.seq(members.get(0)) : 1;
            to = before == null ? page.lastSeq() : before - 1;
        }
        // each reason names what the ones before it leave: retention takes from everyone, then a reader's join, then
        // their clearing
        List<TimelineGap> missing = new ArrayList<>(3);
        gap(missing, from, Math.min(to, retained), GapReason.RETENTION);
        long seen = retained;
        gap(missing, Math.max(from, seen + 1), Math.min(to, beforeJoined), GapReason.BEFORE_JOINED);
        seen = Math.max(seen, beforeJoined);
        gap(missing, Math.max(from, seen + 1), Math.min(to, page.cleared()), GapReason.CLEARED);
        return missing;
    }

    private static void gap(List<TimelineGap> missing, long from, long to, GapReason reason) {
        if (from <= to) {
            missing.add(new TimelineGap(from, to, reason));
        }
    }

    /**
     * A page for a live stream: only what replicas confirmed (where {@code chat.durability.replicas} asks for them),
     * so a stream never shows an entry at a seq that a failover could give to another.
     *
     * @throws ConversationNotFoundException when {@code reader} is no longer a participant
     * @throws ReplicaAcknowledgement.ReplicationUnconfirmedException when replicas do not confirm in time; the
     *         stream reads again later
     */
    public StoredPage confirmedPage(String conversationId, String reader, long after, int limit) {
        return servedPage(conversationId, after, null, limit, reader, replicas.enabled());
    }

    /**
     * The API's JSON of the entry stored at {@code seq}, if any.
     *
     * @throws ConversationNotFoundException when {@code reader} is not a participant
     */
    public Optional<byte[]> entryJson(String conversationId, long seq, String reader) {
        return storedEntry(conversationId, seq, reader).map(member -> codec.apiJson(conversationId, member));
    }

    /**
     * The entry stored at {@code seq}, if any, decoded: for the few rules that need its fields.
     *
     * @throws ConversationNotFoundException when {@code reader} is not a participant
     */
    public Optional<TimelineEntry> entry(String conversationId, long seq, String reader) {
        return storedEntry(conversationId, seq, reader).map(member -> codec.decode(conversationId, member));
    }

    private Optional<byte[]> storedEntry(String conversationId, long seq, String reader) {
        return stored(conversationId, seq - 1, seq + 1, 1, reader, false).members().stream().findFirst();
    }

    /**
     * The conversation's last assigned seq, 0 when it has no entries.
     *
     * @throws ConversationNotFoundException when {@code reader} is not a participant
     */
    public long lastSeq(String conversationId, String reader) {
        return stored(conversationId, null, null, 0, reader, false).lastSeq();
    }

    /**
     * A page that goes out to a client or a stream: timed, counted in the page-size histogram, and with
     * {@code confirmed} returned only once replicas hold everything it read.
     */
    private StoredPage servedPage(String conversationId, Long after, Long before, int limit, String reader,
            boolean confirmed) {
        StoredPage page = metrics.timeRead(() -> stored(conversationId, after, before, limit, reader, confirmed));
        if (confirmed) {
            replicas.confirm(keys.messages(conversationId));
        }
        metrics.pageServed(page.members().size());
        return page;
    }

    /** One read_page.lua call; {@code fence} writes the read fence after reading (see read_page.lua). */
    private StoredPage stored(String conversationId, Long after, Long before, int limit, String reader,
            boolean fence) {
        return scripts.readPage(conversationId, after, before, limit, reader, fence, maxPageBytes)
                .orElseThrow(() -> new ConversationNotFoundException(conversationId));
    }
}
