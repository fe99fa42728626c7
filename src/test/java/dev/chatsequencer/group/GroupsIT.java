package dev.chatsequencer.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.stream.SseTestClient;
import java.time.Duration;
import java.util.ArrayList;
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
 * Groups with identified callers (gateway mode): who may create, add, remove and read, and how every change shows up
 * in the timeline and in Redis. Each test has its own users and group.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupsIT {

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.security.mode=gateway", "chat.stream.heartbeat-interval=1s",
            "chat.groups.max-participants=5");

    @Autowired
    StringRedisTemplate redis;

    JsonApi api() {
        return new JsonApi(service.baseUrl(), "X-User-Id");
    }

    @Test
    void creatingAGroupMakesTheCallerOwnerAndStartsTheTimelineWithAGroupCreatedEntry() {
        Users users = new Users();

        Response created = api().send("POST", "/v1/conversations", "{\"participants\":[\"" + users.bob + "\",\""
                + users.carol + "\"],\"title\":\"Climbing\"}", users.alice);

        assertThat(created.status()).isEqualTo(201);
        String group = created.json().get("conversationId").asString();
        assertThat(group).matches("gr_[0-9a-f]{32}");
        assertThat(created.json().get("type").asString()).isEqualTo("group");
        assertThat(created.json().get("ownerId").asString()).isEqualTo(users.alice);
        assertThat(created.json().get("title").asString()).isEqualTo("Climbing");
        assertThat(texts(created.json().get("participants"))).containsExactlyElementsOf(users.sorted());
        JsonNode first = page(group, users.bob).get(0);
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("type").asString()).isEqualTo("group-created");
        assertThat(first.get("senderId").asString()).isEqualTo(users.alice);
        assertThat(texts(first.get("participants"))).containsExactlyElementsOf(users.sorted());
        assertThat(first.get("title").asString()).isEqualTo("Climbing");
        assertThat(redis.opsForSet().members("chat:{" + group + "}:participants"))
                .containsExactlyInAnyOrderElementsOf(users.sorted());
        assertThat(redis.<String, String>opsForHash().entries("chat:{" + group + "}:meta"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("type", "group", "owner", users.alice, "title", "Climbing",
                        "history", "shared"));
        JsonNode view = api().send("GET", "/v1/conversations/" + group, null, users.carol).json();
        assertThat(view.get("type").asString()).isEqualTo("group");
        assertThat(view.get("ownerId").asString()).isEqualTo(users.alice);
        assertThat(view.get("lastSeq").asLong()).isEqualTo(1);
        assertThat(view.get("participants")).hasSize(3);
    }

    @Test
    void aRetryWithTheSameClientRequestIdReturnsTheSameGroupAndADifferentRequestIsAConflict() {
        Users users = new Users();
        String request = "{\"participants\":[\"" + users.bob + "\"],\"clientRequestId\":\"create-1\"}";

        Response first = api().send("POST", "/v1/conversations", request, users.alice);
        Response retry = api().send("POST", "/v1/conversations", request, users.alice);
        Response other = api().send("POST", "/v1/conversations", "{\"participants\":[\"" + users.carol + "\"],"
                + "\"clientRequestId\":\"create-1\"}", users.alice);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        String group = first.json().get("conversationId").asString();
        assertThat(retry.json().get("conversationId").asString()).isEqualTo(group);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problem()).isEqualTo("idempotency-conflict");
        assertThat(redis.opsForValue().get("chat:{" + group + "}:seq")).isEqualTo("1");
        assertThat(redis.opsForSet().members("chat:{" + group + "}:participants"))
                .containsExactlyInAnyOrder(users.alice, users.bob);
    }

    @Test
    void anInvalidGroupIsRefusedWith400AndNothingIsWritten() {
        Users users = new Users();
        List<String> bodies = List.of("{\"participants\":[]}",
                "{\"participants\":[\"" + users.bob + "\",\"" + users.bob + "\"]}",
                "{\"participants\":[\"a{b}\"]}",
                "{\"participants\":[\"" + users.bob + "\"],\"title\":\"  \"}",
                "{\"participants\":[\"u1\",\"u2\",\"u3\",\"u4\",\"u5\"]}");

        for (String body : bodies) {
            Response refused = api().send("POST", "/v1/conversations", body, users.alice);

            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.problem()).as(body).isEqualTo("invalid-request");
        }
        assertThat(redis.opsForZSet().size("chat:{u:" + users.alice + "}:conversations")).isZero();
    }

    @Test
    void anyMemberAddsAndAddingSomeoneAlreadyInConsumesNoSeq() {
        Users users = new Users();
        String group = users.group();

        Response added = add(group, users.dave, users.bob);
        Response again = add(group, users.dave, users.carol);

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("seq").asLong()).isEqualTo(2);
        assertThat(added.json().get("participant").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("changed").asBoolean()).isFalse();
        assertThat(again.json().get("seq").asLong()).isEqualTo(2);
        assertThat(redis.opsForValue().get("chat:{" + group + "}:seq")).isEqualTo("2");
        JsonNode entry = page(group, users.dave).get(1);
        assertThat(entry.get("type").asString()).isEqualTo("participant-added");
        assertThat(entry.get("senderId").asString()).isEqualTo(users.bob);
        assertThat(entry.get("userId").asString()).isEqualTo(users.dave);
        assertThat(entry.has("body")).isFalse();
    }

    @Test
    void aMemberAddedLaterReadsTheHistoryFromBeforeTheyJoined() {
        Users users = new Users();
        String group = users.group();
        api().post(group, users.bob, "before dave");

        add(group, users.dave, users.alice);

        JsonNode timeline = page(group, users.dave);
        assertThat(timeline).hasSize(3);
        assertThat(timeline.get(1).get("body").asString()).isEqualTo("before dave");
        assertThat(timeline.get(1).get("type").asString()).isEqualTo("message");
    }

    @Test
    void inAGroupWithJoinedHistoryALaterMemberReadsOnlyFromTheEntryThatAddedThem() throws Exception {
        Users users = new Users();
        Response created = api().send("POST", "/v1/conversations", "{\"participants\":[\"" + users.bob + "\"],"
                + "\"historyVisibility\":\"joined\"}", users.alice);
        String group = created.json().get("conversationId").asString();
        api().post(group, users.bob, "before dave");

        add(group, users.dave, users.alice);
        api().post(group, users.bob, "after dave");

        assertThat(created.json().get("historyVisibility").asString()).isEqualTo("joined");
        assertThat(page(group, users.dave)).extracting(entry -> entry.get("seq").asLong()).containsExactly(3L, 4L);
        Response newest = api().send("GET", "/v1/conversations/" + group + "/messages?limit=10", null, users.dave);
        assertThat(newest.json().get("messages")).extracting(entry -> entry.get("seq").asLong())
                .containsExactly(3L, 4L);
        assertThat(newest.json().get("hasMore").asBoolean()).isFalse();
        // the hole is named, never silent: seqs 1 and 2 came before dave joined
        String beforeDave = "[{\"fromSeq\":1,\"toSeq\":2,\"reason\":\"before-joined\"}]";
        assertThat(newest.json().get("missing")).hasToString(beforeDave);
        assertThat(api().page(group, "after=0", users.dave).json().get("missing")).hasToString(beforeDave);
        assertThat(api().page(group, "after=2", users.dave).json().has("missing")).isFalse();
        assertThat(api().page(group, "after=0", users.bob).json().has("missing")).isFalse();
        assertThat(api().send("GET", "/v1/conversations/" + group + "/messages/2", null, users.dave).status())
                .isEqualTo(404);
        assertThat(page(group, users.bob)).hasSize(4);
        // one message after the entry that added him: that entry is not a message, so not unread
        assertThat(api().send("GET", "/v1/conversations/" + group + "/read-markers/" + users.dave, null, users.dave)
                .json().get("unreadCount").asLong()).isEqualTo(1);
        try (SseTestClient stream = SseTestClient.open(service.baseUrl() + "/v1/conversations/" + group
                + "/stream?after=0", null, "X-User-Id", users.dave)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 2);
            assertThat(stream.events().get(0).id()).isEqualTo("3");
        }
    }

    @Test
    void anOutsiderCanNeitherReadNorChangeTheGroupAndIsToldItIsNotThere() {
        Users users = new Users();
        String group = users.group();

        List<Response> answers = List.of(add(group, users.dave, users.dave),
                api().send("DELETE", "/v1/conversations/" + group + "/participants/" + users.bob, null, users.dave),
                api().send("GET", "/v1/conversations/" + group + "/messages", null, users.dave),
                api().send("GET", "/v1/conversations/" + group, null, users.dave),
                api().post(group, users.dave, "let me in"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.problem()).isEqualTo("conversation-not-found");
        });
        assertThat(redis.opsForValue().get("chat:{" + group + "}:seq")).isEqualTo("1");
    }

    @Test
    void aMemberLeavesButOnlyTheOwnerRemovesOthers() {
        Users users = new Users();
        String group = users.group();
        api().post(group, users.bob, "hi");

        Response notOwner = remove(group, users.carol, users.bob);
        Response left = remove(group, users.bob, users.bob);
        Response removed = remove(group, users.carol, users.alice);
        Response again = remove(group, users.carol, users.alice);

        assertThat(notOwner.status()).isEqualTo(403);
        assertThat(notOwner.problem()).isEqualTo("not-the-owner");
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.json().get("seq").asLong()).isEqualTo(3);
        assertThat(left.json().get("participant").asBoolean()).isFalse();
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("seq").asLong()).isEqualTo(4);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problem()).isEqualTo("participant-not-found");
        assertThat(redis.opsForSet().members("chat:{" + group + "}:participants")).containsExactly(users.alice);
        assertThat(redis.opsForHash().hasKey("chat:{" + group + "}:read", users.bob)).isFalse();
        JsonNode timeline = page(group, users.alice);
        assertThat(timeline.get(2).get("type").asString()).isEqualTo("participant-removed");
        assertThat(timeline.get(2).get("senderId").asString()).isEqualTo(users.bob);
        assertThat(timeline.get(3).get("senderId").asString()).isEqualTo(users.alice);
        assertThat(timeline.get(3).get("userId").asString()).isEqualTo(users.carol);
    }

    @Test
    void anOwnerWhoLeavesLeavesTheGroupWithoutOneAndComingBackGivesNoOwnership() {
        Users users = new Users();
        String group = users.group();

        remove(group, users.alice, users.alice);
        Response view = api().send("GET", "/v1/conversations/" + group, null, users.bob);
        add(group, users.alice, users.alice);
        Response removal = remove(group, users.carol, users.alice);

        assertThat(view.json().has("ownerId")).isFalse();
        assertThat(removal.status()).isEqualTo(403);
        assertThat(redis.opsForHash().hasKey("chat:{" + group + "}:meta", "owner")).isFalse();
        assertThat(remove(group, users.carol, users.carol).status()).isEqualTo(200);
    }

    @Test
    void aRemovedMemberLosesAccessAtOnceAndTheirStreamEndsWithTheirRemoval() throws Exception {
        Users users = new Users();
        String group = users.group();
        String url = service.baseUrl() + "/v1/conversations/" + group + "/stream?after=0";
        try (SseTestClient bobStream = SseTestClient.open(url, null, "X-User-Id", users.bob);
                SseTestClient carolStream = SseTestClient.open(url, null, "X-User-Id", users.carol)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bobStream.events().size() == 1);

            remove(group, users.bob, users.alice);
            api().post(group, users.alice, "after bob");

            await().atMost(Duration.ofSeconds(10)).until(bobStream::ended);
            await().atMost(Duration.ofSeconds(10)).until(() -> carolStream.events().size() == 3);
            assertThat(bobStream.events()).hasSize(2);
            assertThat(bobStream.events().get(1).data()).contains("\"type\":\"participant-removed\"");
            assertThat(carolStream.ended()).isFalse();
        }
        assertThat(api().send("GET", "/v1/conversations/" + group + "/messages", null, users.bob).status())
                .isEqualTo(404);
        assertThat(api().post(group, users.bob, "still here?").status()).isEqualTo(404);
        assertThat(api().send("PUT", "/v1/conversations/" + group + "/read-markers/" + users.bob, "{\"seq\":1}",
                users.bob).status()).isEqualTo(404);
    }

    @Test
    void aDirectConversationsParticipantsAreFixed() {
        Users users = new Users();
        String direct = api().openDirect(users.alice, users.bob);

        Response added = add(direct, users.carol, users.alice);
        Response removed = remove(direct, users.bob, users.alice);

        assertThat(added.status()).isEqualTo(409);
        assertThat(added.problem()).isEqualTo("fixed-participants");
        assertThat(removed.status()).isEqualTo(409);
        assertThat(redis.opsForSet().members("chat:{" + direct + "}:participants"))
                .containsExactlyInAnyOrder(users.alice, users.bob);
        assertThat(redis.hasKey("chat:{" + direct + "}:seq")).isFalse();
    }

    @Test
    void aFullGroupTakesNoOneMore() {
        Users users = new Users();
        String group = users.group();
        add(group, users.dave, users.alice);
        add(group, "erin-" + users.run, users.alice);

        Response full = add(group, "frank-" + users.run, users.alice);

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.problem()).isEqualTo("group-full");
        assertThat(redis.opsForSet().size("chat:{" + group + "}:participants")).isEqualTo(5);
    }

    @Test
    void aCallerCreatesAndChangesGroupsOnlyAsThemself() {
        Users users = new Users();
        String group = users.group();

        Response create = api().send("POST", "/v1/conversations", "{\"participants\":[\"" + users.bob + "\"],"
                + "\"senderId\":\"" + users.bob + "\"}", users.alice);
        Response add = api().send("POST", "/v1/conversations/" + group + "/participants", "{\"userId\":\""
                + users.dave + "\",\"senderId\":\"" + users.bob + "\"}", users.alice);

        assertThat(create.status()).isEqualTo(403);
        assertThat(add.status()).isEqualTo(403);
        assertThat(add.problem()).isEqualTo("not-the-caller");
    }

    private Response add(String group, String userId, String actor) {
        return api().send("POST", "/v1/conversations/" + group + "/participants", "{\"userId\":\"" + userId + "\"}",
                actor);
    }

    private Response remove(String group, String userId, String actor) {
        return api().send("DELETE", "/v1/conversations/" + group + "/participants/" + userId, null, actor);
    }

    private JsonNode page(String group, String reader) {
        Response page = api().page(group, "after=0&limit=200", reader);
        assertThat(page.status()).isEqualTo(200);
        return page.json().get("messages");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    /** Users of one test: alice owns the group, bob and carol are in it, dave is not. */
    final class Users {

        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String alice = "alice-" + run;
        final String bob = "bob-" + run;
        final String carol = "carol-" + run;
        final String dave = "dave-" + run;

        List<String> sorted() {
            return List.of(alice, bob, carol);
        }

        /** alice's group with bob and carol. */
        String group() {
            Response created = api().send("POST", "/v1/conversations", "{\"participants\":[\"" + bob + "\",\""
                    + carol + "\"]}", alice);
            assertThat(created.status()).isEqualTo(201);
            return created.json().get("conversationId").asString();
        }
    }
}
