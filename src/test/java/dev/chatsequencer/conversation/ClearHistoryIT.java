package dev.chatsequencer.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisContents;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.ValidatingProxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Clearing history for one user, over real HTTP with identified callers (gateway mode): the reader who cleared sees
 * the range named missing and nothing of it, on every read; the other reader sees everything; the counter goes on.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClearHistoryIT {

    static final String MISSING_1_TO_3 = "[{\"fromSeq\":1,\"toSeq\":3,\"reason\":\"cleared\"}]";

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.security.mode=gateway");

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aClearedRangeIsGoneForItsReaderOnlyAndNamedMissing() {
        clearedRangeScenario(service.baseUrl());
    }

    /** The same through a validating proxy: every answer, a page with missing ranges included, is as documented. */
    @Test
    void everyAnswerAboutAClearedRangeMatchesTheApiDescription() throws Exception {
        assumeTrue(ValidatingProxy.available(), "Prism is not installed under .ci/tools (bash .ci/run installs it): "
                + "the validating proxy run is skipped");
        try (ValidatingProxy proxy = ValidatingProxy.start(service.baseUrl())) {
            clearedRangeScenario(proxy.baseUrl());
            assertThat(proxy.responseViolations()).as(String.join("\n", proxy.log())).isEmpty();
        }
    }

    private void clearedRangeScenario(String baseUrl) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        JsonApi api = new JsonApi(baseUrl, "X-User-Id");
        String conversation = api.openDirect(alice, bob);
        api.posted(conversation, alice, "one");
        api.posted(conversation, bob, "two");
        api.posted(conversation, alice, "three");

        Response cleared = api.send("POST", "/v1/conversations/" + conversation + "/clear", "{}", bob);
        Response backwards = api.send("POST", "/v1/conversations/" + conversation + "/clear", "{\"throughSeq\":1}",
                bob);

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("clearedThroughSeq").asLong()).isEqualTo(3);
        assertThat(backwards.json().get("clearedThroughSeq").asLong()).isEqualTo(3);
        JsonNode bobsPage = api.page(conversation, "after=0", bob).json();
        assertThat(bobsPage.get("messages")).isEmpty();
        assertThat(bobsPage.get("lastSeq").asLong()).isEqualTo(3);
        assertThat(bobsPage.get("missing")).hasToString(MISSING_1_TO_3);
        assertThat(api.page(conversation, "limit=10", bob).json().get("missing")).hasToString(MISSING_1_TO_3);
        assertThat(api.send("GET", "/v1/conversations/" + conversation + "/messages/2", null, bob).status())
                .isEqualTo(404);
        assertThat(api.page(conversation, "after=0", alice).json().get("messages")).hasSize(3);
        assertThat(api.page(conversation, "after=0", alice).json().has("missing")).isFalse();
        assertThat(inboxRow(api, bob).get("lastEntry").isNull()).isTrue();
        assertThat(inboxRow(api, bob).get("unreadCount").asLong()).isZero();
        assertThat(inboxRow(api, alice).get("lastEntry").get("seq").asLong()).isEqualTo(3);

        api.posted(conversation, alice, "four");

        JsonNode after = api.page(conversation, "after=0", bob).json();
        assertThat(after.get("messages")).singleElement().satisfies(entry -> assertThat(entry.get("seq").asLong())
                .isEqualTo(4));
        assertThat(after.get("missing")).hasToString(MISSING_1_TO_3);
        assertThat(inboxRow(api, bob).get("unreadCount").asLong()).isEqualTo(1);
        Map<String, List<String>> before = RedisContents.snapshot(redis, conversation);
        assertThat(api.send("POST", "/v1/conversations/" + conversation + "/clear", "{}", "mallory-" + run)
                .status()).isEqualTo(404);
        assertThat(RedisContents.snapshot(redis, conversation)).isEqualTo(before);
        assertThat(api.send("GET", "/v1/conversations/" + conversation + "/messages/1", null, alice).status())
                .isEqualTo(200);
    }

    private JsonNode inboxRow(JsonApi api, String user) {
        return api.send("GET", "/v1/users/me/conversations", null, user).json().get("conversations").get(0);
    }
}
