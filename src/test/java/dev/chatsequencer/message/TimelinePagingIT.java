package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelinePage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@RedisIntegrationTest
class TimelinePagingIT {

    @Autowired
    RestTestClient http;

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ConversationKeys keys;

    JsonApi client;
    String conversation;

    @BeforeEach
    void postTwentyFiveMessages() {
        client = new JsonApi("http://localhost:" + port, null);
        conversation = TestIds.conversation();
        for (int i = 1; i <= 25; i++) {
            client.posted(conversation, i % 2 == 0 ? "alice" : "bob", "message " + i);
        }
    }

    /** Pages are spliced from the stored members; each must be byte for byte the JSON the post answered with. */
    @Test
    void aPageShowsEachMessageExactlyAsItsPostAnsweredWhateverTheText() {
        String tricky = TestIds.conversation();
        List<String> bodies = List.of("quote \" and backslash \\ and /slash/", "tab\tnewline\nend",
                "emoji \uD83D\uDE00 accents \u00e9\u00e8 cjk \u4e2d", "<script>&amp;</script>",
                "\u2028\u2029 separators");
        List<String> posted = new ArrayList<>();
        for (String body : bodies) {
            posted.add(http.post().uri("/v1/conversations/{id}/messages", tricky)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("senderId", "alice", "body", body, "clientMessageId", "t-" + posted.size()))
                    .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
        }
        posted.add(http.post().uri("/v1/conversations/{id}/messages", tricky)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("senderId", "bob", "body", "no client id"))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());

        String page = http.get().uri("/v1/conversations/{id}/messages?limit=50", tricky).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).isEqualTo("{\"conversationId\":\"" + tricky + "\",\"lastSeq\":" + posted.size()
                + ",\"messages\":[" + String.join(",", posted) + "],\"hasMore\":false}");
    }

    /**
     * Every message is stored without its type (so is every entry stored before types existed) and reads as a
     * message; an entry stored with a type keeps it, once, in the page and in the one-entry read alike.
     */
    @Test
    void anEntryWithoutATypeReadsAsAMessageAndOneWithATypeKeepsIt() {
        String timeline = keys.messages(conversation);
        String typed = "{\"seq\":26,\"type\":\"participant-added\",\"senderId\":\"alice\",\"userId\":\"carol\","
                + "\"sentAt\":\"2026-11-29T10:00:00Z\"}";
        redis.opsForZSet().add(timeline, typed, 26);
        redis.opsForValue().set(keys.sequence(conversation), "26");

        String page = http.get().uri("/v1/conversations/{id}/messages?after=24", conversation).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(redis.opsForZSet().rangeByScore(timeline, 25, 25)).singleElement().asString()
                .startsWith("{\"seq\":25,\"senderId\":");
        assertThat(page).isEqualTo("{\"conversationId\":\"" + conversation + "\",\"lastSeq\":26,\"messages\":["
                + http.get().uri("/v1/conversations/{id}/messages/25", conversation).exchange().expectBody(String.class)
                        .returnResult().getResponseBody()
                + ",{\"conversationId\":\"" + conversation + "\"," + typed.substring(1) + "],\"hasMore\":false}");
        assertThat(page).contains("{\"conversationId\":\"" + conversation + "\",\"seq\":25,\"type\":\"message\",");
        http.get().uri("/v1/conversations/{id}/messages/26", conversation).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.type").isEqualTo("participant-added").jsonPath("$.seq").isEqualTo(26);
    }

    @Test
    void readWithoutCursorThenReturnsNewestPageAscending() {
        TimelinePage page = client.timeline(conversation, "limit=10");

        assertThat(seqs(page)).containsExactlyElementsOf(range(16, 25));
        assertThat(page.hasMore()).isTrue();
        assertThat(page.lastSeq()).isEqualTo(25);
        assertThat(page.conversationId()).isEqualTo(conversation);
        assertThat(page.messages().get(0).body()).isEqualTo("message 16");
    }

    @Test
    void readBackwardsWithBeforeThenWalksToTheStart() {
        TimelinePage middle = client.timeline(conversation, "before=16&limit=10");
        TimelinePage oldest = client.timeline(conversation, "before=6&limit=10");

        assertThat(seqs(middle)).containsExactlyElementsOf(range(6, 15));
        assertThat(middle.hasMore()).isTrue();
        assertThat(seqs(oldest)).containsExactlyElementsOf(range(1, 5));
        assertThat(oldest.hasMore()).isFalse();
    }

    @Test
    void readForwardsWithAfterThenWalksToTheEnd() {
        TimelinePage first = client.timeline(conversation, "after=0&limit=10");
        TimelinePage last = client.timeline(conversation, "after=20&limit=10");

        assertThat(seqs(first)).containsExactlyElementsOf(range(1, 10));
        assertThat(first.hasMore()).isTrue();
        assertThat(seqs(last)).containsExactlyElementsOf(range(21, 25));
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void readWithBothBoundsThenBothAreExclusive() {
        TimelinePage page = client.timeline(conversation, "after=5&before=9");

        assertThat(seqs(page)).containsExactly(6L, 7L, 8L);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void readWithBothBoundsAndSmallLimitThenHasMoreCountsOnlyTheRange() {
        assertThat(client.timeline(conversation, "after=5&before=9&limit=2").hasMore()).isTrue();
        assertThat(client.timeline(conversation, "after=5&before=9&limit=3").hasMore()).isFalse();
    }

    @Test
    void readWithoutLimitThenReturnsFiftyAtMost() {
        for (int i = 26; i <= 60; i++) {
            client.posted(conversation, "alice", "message " + i);
        }

        TimelinePage page = client.timeline(conversation, "");

        assertThat(seqs(page)).containsExactlyElementsOf(range(11, 60));
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void readUnknownConversationThenEmptyPageWithLastSeqZero() {
        TimelinePage page = client.timeline(TestIds.conversation(), "");

        assertThat(page.messages()).isEmpty();
        assertThat(page.lastSeq()).isZero();
        assertThat(page.hasMore()).isFalse();
    }

    private static List<Long> seqs(TimelinePage page) {
        return page.messages().stream().map(TimelineEntry::seq).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
