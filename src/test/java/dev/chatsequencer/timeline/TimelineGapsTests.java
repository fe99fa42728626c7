package dev.chatsequencer.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.chatsequencer.redis.ReplicaAcknowledgement;
import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.storage.StoredPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ranges a page names as missing: only what lies inside the span the page covers, each range with its reason,
 * retention below before-joined below cleared, so a reader holding seqs 1..lastSeq can tell what it has and what it may not see.
 */
class TimelineGapsTests {

    final TimelineCodec codec = new TimelineCodec(JsonMapper.builder().build());
    final TimelineReader reader = new TimelineReader(mock(LuaScripts.class), mock(ConversationKeys.class),
            mock(ReplicaAcknowledgement.class), codec, mock(TimelineMetrics.class),
            new TimelineProperties(DataSize.ofKilobytes(256)));

    @Test
    void aReaderWhoJoinedLateAndClearedSeesBothRangesNamed() {
        StoredPage page = page(20, false, 0, 4, 9, 10, 20);

        assertThat(reader.missing(page, 0L, null)).containsExactly(new TimelineGap(1, 4, GapReason.BEFORE_JOINED),
                new TimelineGap(5, 9, GapReason.CLEARED));
        assertThat(reader.missing(page, 6L, null)).containsExactly(new TimelineGap(7, 9, GapReason.CLEARED));
        assertThat(reader.missing(page, 9L, null)).isEmpty();
    }

    @Test
    void aNewestFirstPageNamesTheHoleOnlyOnceItReachesIt() {
        StoredPage reaching = page(20, false, 0, 0, 9, 10, 20);
        StoredPage above = page(20, true, 0, 0, 9, 15, 20);

        assertThat(reader.missing(reaching, null, null)).containsExactly(new TimelineGap(1, 9, GapReason.CLEARED));
        assertThat(reader.missing(above, null, null)).isEmpty();
        assertThat(reader.missing(page(20, false, 0, 0, 9, 0, -1), null, 5L))
                .containsExactly(new TimelineGap(1, 4, GapReason.CLEARED));
    }

    @Test
    void aPageThatStopsBeforeTheHoleEndsNamesOnlyItsPart() {
        StoredPage page = page(20, true, 0, 9, 0, 10, 12);

        assertThat(reader.missing(page, 0L, null)).containsExactly(new TimelineGap(1, 9, GapReason.BEFORE_JOINED));
        assertThat(reader.missing(page(20, true, 0, 0, 0, 1, 5), 0L, null)).isEmpty();
    }

    @Test
    void retentionIsNamedBelowWhatTheReaderJoinedAfterAndCleared() {
        StoredPage page = page(30, false, 3, 8, 12, 13, 30);

        assertThat(reader.missing(page, 0L, null)).containsExactly(new TimelineGap(1, 3, GapReason.RETENTION),
                new TimelineGap(4, 8, GapReason.BEFORE_JOINED), new TimelineGap(9, 12, GapReason.CLEARED));
        assertThat(reader.missing(page(30, false, 10, 8, 12, 13, 30), 0L, null)).containsExactly(
                new TimelineGap(1, 10, GapReason.RETENTION), new TimelineGap(11, 12, GapReason.CLEARED));
        assertThat(reader.missing(page(30, false, 20, 8, 12, 21, 30), 5L, null))
                .containsExactly(new TimelineGap(6, 20, GapReason.RETENTION));
        assertThat(reader.missing(page(30, true, 20, 0, 0, 25, 30), null, null)).isEmpty();
    }

    /** A page of the entries {@code from}..{@code to} (none when {@code to} is below {@code from}). */
    private StoredPage page(long lastSeq, boolean hasMore, long retained, long beforeJoined, long cleared, long from,
            long to) {
        List<byte[]> members = LongStream.rangeClosed(from, to).mapToObj(seq -> codec.encode(TimelineEntry.posted(
                "dm_1", seq, "alice", "x", null, Instant.EPOCH)).getBytes(StandardCharsets.UTF_8)).toList();
        return new StoredPage(lastSeq, hasMore, retained, beforeJoined, cleared, members);
    }
}
