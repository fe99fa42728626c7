package dev.chatsequencer.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.storage.MemberTemplate;
import dev.chatsequencer.storage.StoredPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one encoder: for every entry type, the API's JSON spliced from the stored member is byte for byte what Jackson
 * writes for the entry, alone and in a page; the stored member is what the write templates make around the seq.
 */
class TimelineCodecTests {

    static final String CONVERSATION = "gr_9f86d081884c7d659a2feaa0c55ad015";
    static final Instant AT = Instant.parse("2026-11-28T13:23:09.176Z");

    final JsonMapper jackson = JsonMapper.builder().build();
    final TimelineCodec codec = new TimelineCodec(jackson);

    static Stream<TimelineEntry> everyEntryType() {
        Instant edited = AT.plusSeconds(90);
        return Stream.of(
                TimelineEntry.posted(CONVERSATION, 1, "alice", "Hi \"Bob\" \u00e9\ud83d\ude00\n", "c-1", AT),
                TimelineEntry.posted(CONVERSATION, 12, "bob", "no client id", null, AT),
                new TimelineEntry(CONVERSATION, 13, EntryType.MESSAGE, "bob", "edited text", "c-2", AT, null, null,
                        null, null, edited, null),
                new TimelineEntry(CONVERSATION, 14, EntryType.MESSAGE, "bob", null, "c-3", AT, null, null, null, null,
                        edited, true),
                TimelineEntry.membership(CONVERSATION, 1, EntryType.GROUP_CREATED, "alice", null,
                        List.of("alice", "bob"), "Climbing", AT),
                TimelineEntry.membership(CONVERSATION, 1, EntryType.GROUP_CREATED, "alice", null, List.of("alice"),
                        null, AT),
                TimelineEntry.membership(CONVERSATION, 345, EntryType.PARTICIPANT_ADDED, "alice", "dave", null,
                        null, AT),
                TimelineEntry.membership(CONVERSATION, 6789, EntryType.PARTICIPANT_REMOVED, "dave", "dave", null,
                        null, AT),
                new TimelineEntry(CONVERSATION, 6790, EntryType.MESSAGE_EDITED, "bob", "edited text", null, edited,
                        null, null, null, 13L, null, null),
                new TimelineEntry(CONVERSATION, 6791, EntryType.MESSAGE_DELETED, "bob", null, null, edited, null,
                        null, null, 14L, null, null));
    }

    @ParameterizedTest
    @MethodSource("everyEntryType")
    void theSplicedJsonOfAnEntryIsWhatJacksonWrites(TimelineEntry entry) {
        byte[] stored = stored(entry);

        assertThat(new String(codec.apiJson(CONVERSATION, stored), StandardCharsets.UTF_8))
                .isEqualTo(jackson.writeValueAsString(entry));
        assertThat(codec.decode(CONVERSATION, stored)).isEqualTo(entry);
        assertThat(codec.seq(stored)).isEqualTo(entry.seq());
    }

    @Test
    void theSplicedJsonOfAPageIsWhatJacksonWrites() {
        List<TimelineEntry> entries = everyEntryType().toList();
        StoredPage page = new StoredPage(6789, true, 0, 0, 0, entries.stream().map(this::stored).toList());
        List<TimelineGap> missing = List.of(new TimelineGap(1, 6, GapReason.BEFORE_JOINED));

        assertThat(new String(codec.pageJson(CONVERSATION, page, List.of()), StandardCharsets.UTF_8))
                .isEqualTo(jackson.writeValueAsString(new TimelinePage(CONVERSATION, 6789, entries, true, List.of())));
        assertThat(new String(codec.pageJson(CONVERSATION, page, missing), StandardCharsets.UTF_8))
                .isEqualTo(jackson.writeValueAsString(new TimelinePage(CONVERSATION, 6789, entries, true, missing)));
        assertThat(new String(codec.pageJson(CONVERSATION, new StoredPage(0, false, 0, 0, 0, List.of()), List.of()),
                StandardCharsets.UTF_8)).isEqualTo(jackson.writeValueAsString(
                        new TimelinePage(CONVERSATION, 0, List.of(), false, null)));
    }

    @Test
    void aNewEntryIsStoredAsItsTemplateAroundTheSeqTheScriptGives() {
        MemberTemplate message = codec.message("alice", "hi", "c-1", AT);
        MemberTemplate added = codec.membership(EntryType.PARTICIPANT_ADDED, "alice", "dave", null, null, AT);

        assertThat(message.withSeq(7)).isEqualTo(codec.encode(TimelineEntry.posted(CONVERSATION, 7, "alice", "hi",
                "c-1", AT)));
        assertThat(added.withSeq(8)).isEqualTo(codec.encode(TimelineEntry.membership(CONVERSATION, 8,
                EntryType.PARTICIPANT_ADDED, "alice", "dave", null, null, AT)));
    }

    @Test
    void aChangeOfAMessageIsStoredAsItsTemplateAroundItsSeq() {
        MemberTemplate edit = codec.change(EntryType.MESSAGE_EDITED, "bob", 13, "edited text", AT);
        MemberTemplate deletion = codec.change(EntryType.MESSAGE_DELETED, "bob", 14, null, AT);

        assertThat(edit.withSeq(20)).isEqualTo(codec.encode(new TimelineEntry(CONVERSATION, 20,
                EntryType.MESSAGE_EDITED, "bob", "edited text", null, AT, null, null, null, 13L, null, null)));
        assertThat(deletion.withSeq(21)).isEqualTo(codec.encode(new TimelineEntry(CONVERSATION, 21,
                EntryType.MESSAGE_DELETED, "bob", null, null, AT, null, null, null, 14L, null, null)));
        assertThat(codec.jsonValue("a \"quote\"")).isEqualTo("\"a \\\"quote\\\"\"");
    }

    @Test
    void aMessageIsStoredWithoutItsTypeAndReadsBackAsAMessage() {
        String stored = codec.encode(TimelineEntry.posted(CONVERSATION, 3, "alice", "hi", null, AT));

        assertThat(stored).doesNotContain("\"type\"").startsWith("{\"seq\":3,");
        assertThat(codec.decode(CONVERSATION, stored).type()).isEqualTo(EntryType.MESSAGE);
    }

    @Test
    void onlyARemovalNamesTheUserItRemoves() {
        TimelineEntry removal = TimelineEntry.membership(CONVERSATION, 9, EntryType.PARTICIPANT_REMOVED, "alice",
                "dave", null, null, AT);
        TimelineEntry addition = TimelineEntry.membership(CONVERSATION, 10, EntryType.PARTICIPANT_ADDED, "alice",
                "dave", null, null, AT);
        TimelineEntry message = TimelineEntry.posted(CONVERSATION, 11, "dave", "\"type\":\"participant-removed\",",
                null, AT);

        assertThat(codec.removedUser(stored(removal))).isEqualTo("dave");
        assertThat(codec.removedUser(stored(addition))).isNull();
        assertThat(codec.removedUser(stored(message))).isNull();
    }

    private byte[] stored(TimelineEntry entry) {
        return codec.encode(entry).getBytes(StandardCharsets.UTF_8);
    }
}
