package dev.chatsequencer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.chatsequencer.storage.StoredPage;
import dev.chatsequencer.timeline.EntryType;
import dev.chatsequencer.timeline.TimelineCodec;
import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelineReader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream's state machine without a socket or Redis: strictly the next seq or nothing, gaps and overflow filled
 * from the timeline, a stalled client ended, a removed reader's stream ended after their removal. Events are written
 * to a socket whose readiness the test controls, on a direct executor, so every step is deterministic.
 */
class StreamSubscriberTests {

    static final String CONVERSATION = "gr_1";
    static final Instant AT = Instant.parse("2026-11-28T13:23:09.176Z");

    final TimelineCodec codec = new TimelineCodec(JsonMapper.builder().build());
    final SseEvents events = new SseEvents(codec);
    final TimelineReader timeline = mock(TimelineReader.class);
    final AsyncContext async = mock(AsyncContext.class);
    final Socket socket = new Socket();
    final List<StreamEnd> ends = new ArrayList<>();
    final List<byte[]> stored = new ArrayList<>();

    @Test
    void doorbellsInOrderAreWrittenInOrder() {
        StreamSubscriber stream = started("bob", 0, 1 << 20);

        stream.offer(doorbell(post(1)));
        stream.offer(doorbell(post(2)));

        assertThat(socket.ids()).containsExactly(1L, 2L);
    }

    @Test
    void aDoorbellThatSkipsAheadIsFilledFromTheTimelineAndNothingComesTwice() {
        StreamSubscriber stream = started("bob", 0, 1 << 20);
        post(1);
        post(2);

        stream.offer(doorbell(post(3)));
        stream.offer(doorbell(stored.get(1)));
        stream.offer(doorbell(stored.get(2)));
        stream.offer(doorbell(post(4)));

        assertThat(socket.ids()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aSlowClientsOverflowIsReadFromTheTimelineOnceItDrains() {
        StreamSubscriber stream = started("bob", 0, 600);
        socket.ready = false;

        for (int i = 1; i <= 20; i++) {
            stream.offer(doorbell(post(i)));
        }
        assertThat(socket.ids()).isEmpty();
        socket.ready = true;
        for (int drained = 0; drained < 20 && socket.ids().size() < 20; drained++) {
            stream.onWritePossible();
        }

        assertThat(socket.ids()).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void aClientThatTakesNothingForAWholeHeartbeatIsEnded() {
        StreamSubscriber stream = started("bob", 0, 1 << 20);
        socket.ready = false;
        stream.offer(doorbell(post(1)));

        stream.heartbeat(1);
        assertThat(ends).isEmpty();
        stream.heartbeat(1);

        assertThat(ends).containsExactly(StreamEnd.STALLED);
        verify(async).complete();
    }

    @Test
    void theReadersRemovalIsTheLastEntryTheyGet() {
        StreamSubscriber stream = started("dave", 0, 1 << 20);

        stream.offer(doorbell(post(1)));
        stream.offer(doorbell(entry(TimelineEntry.membership(CONVERSATION, 2, EntryType.PARTICIPANT_REMOVED, "alice",
                "dave", null, null, AT))));
        stream.offer(doorbell(post(3)));

        assertThat(socket.ids()).containsExactly(1L, 2L);
        assertThat(ends).containsExactly(StreamEnd.REMOVED);
    }

    @Test
    void anotherUsersRemovalDoesNotEndTheStream() {
        StreamSubscriber stream = started("bob", 0, 1 << 20);

        stream.offer(doorbell(entry(TimelineEntry.membership(CONVERSATION, 1, EntryType.PARTICIPANT_REMOVED, "alice",
                "dave", null, null, AT))));
        stream.offer(doorbell(post(2)));

        assertThat(socket.ids()).containsExactly(1L, 2L);
        assertThat(ends).isEmpty();
    }

    private StreamSubscriber started(String reader, long after, int maxPendingBytes) {
        when(timeline.confirmedPage(eq(CONVERSATION), eq(reader), anyLong(), anyInt())).thenAnswer(call -> {
            long from = call.getArgument(2);
            int limit = call.getArgument(3);
            List<byte[]> members = stored.stream().filter(member -> codec.seq(member) > from).limit(limit).toList();
            return new StoredPage(stored.size(), members.size() < stored.stream()
                    .filter(member -> codec.seq(member) > from).count(), 0, 0, 0, members);
        });
        StreamSubscriber stream = new StreamSubscriber(CONVERSATION, reader, "127.0.0.1", async, socket, timeline,
                events, Runnable::run, maxPendingBytes, "hello", after, (subscriber, end) -> ends.add(end));
        stream.start();
        return stream;
    }

    private byte[] post(long seq) {
        return entry(TimelineEntry.posted(CONVERSATION, seq, "alice", "message " + seq, null, AT));
    }

    /** Stores the entry in the fake timeline. */
    private byte[] entry(TimelineEntry entry) {
        byte[] member = codec.encode(entry).getBytes(StandardCharsets.UTF_8);
        stored.add(member);
        return member;
    }

    private SseEvents.StreamEvent doorbell(byte[] member) {
        return events.entry(CONVERSATION, member);
    }

    /** A socket that takes bytes only while {@code ready}. */
    static final class Socket extends ServletOutputStream {

        private static final Pattern ID = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);

        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean ready = true;

        List<Long> ids() {
            Matcher matcher = ID.matcher(written.toString(StandardCharsets.UTF_8));
            List<Long> ids = new ArrayList<>();
            while (matcher.find()) {
                ids.add(Long.parseLong(matcher.group(1)));
            }
            return ids;
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // the test calls onWritePossible itself
        }

        @Override
        public void write(int b) {
            written.write(b);
        }
    }
}
