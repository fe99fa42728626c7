package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A page is bounded in bytes as well as in entries (chat.timeline.max-page-bytes, 10 KB here): a page of large
 * messages holds fewer than its limit and says hasMore, paging on reads every entry exactly once in order, and an
 * entry larger than the budget still comes, alone.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageBytesIT {

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.timeline.max-page-bytes=10KB");

    JsonApi api() {
        return new JsonApi(service.baseUrl(), null);
    }

    @Test
    void largeMessagesFillAPageByBytesAndPagingOnReadsEachOnceInOrder() {
        String conversation = TestIds.conversation();
        for (int i = 1; i <= 7; i++) {
            api().posted(conversation, "alice", i + "x".repeat(4000));
        }

        JsonNode newest = page(conversation, "limit=200");
        List<Long> seqs = new ArrayList<>();
        String after = "0";
        int pages = 0;
        JsonNode page;
        do {
            page = page(conversation, "limit=200&after=" + after);
            page.get("messages").forEach(entry -> seqs.add(entry.get("seq").asLong()));
            after = Long.toString(seqs.get(seqs.size() - 1));
            pages++;
        } while (page.get("hasMore").asBoolean());

        assertThat(newest.get("messages")).hasSize(2);
        assertThat(newest.get("messages").get(0).get("seq").asLong()).isEqualTo(6);
        assertThat(newest.get("hasMore").asBoolean()).isTrue();
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void anEntryLargerThanTheBudgetComesAlone() {
        String conversation = TestIds.conversation();
        api().posted(conversation, "alice", "\ud83d\ude00".repeat(4096));
        api().posted(conversation, "alice", "small");

        JsonNode first = page(conversation, "limit=50&after=0");

        assertThat(first.get("messages")).hasSize(1);
        assertThat(first.get("messages").get(0).get("body").asString()).hasSize(8192);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(page(conversation, "limit=50&after=1").get("messages").get(0).get("body").asString())
                .isEqualTo("small");
    }

    private JsonNode page(String conversation, String query) {
        JsonApi.Response page = api().page(conversation, query, null);
        assertThat(page.status()).isEqualTo(200);
        return page.json();
    }
}
