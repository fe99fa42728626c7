package dev.chatsequencer.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What a group leaves behind and who may bring someone back (gateway mode): a group whose last participant left is
 * deleted with every key, and a user who left by themself comes back only by themself.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupLifecycleIT {

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.security.mode=gateway");

    @Autowired
    StringRedisTemplate redis;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    JsonApi api() {
        return new JsonApi(service.baseUrl(), "X-User-Id");
    }

    @Test
    void aGroupWhoseLastParticipantLeavesIsDeletedWithEveryKeyAndARetryCannotBringItBack() {
        String alice = "alice-a-" + run;
        String bob = "bob-a-" + run;
        String request = "{\"participants\":[\"" + bob + "\"],\"title\":\"Gone\",\"clientRequestId\":\"c-" + run
                + "\"}";
        String group = api().send("POST", "/v1/conversations", request, alice).json().get("conversationId")
                .asString();
        api().send("POST", "/v1/conversations/" + group + "/messages", "{\"body\":\"bye\",\"clientMessageId\":\"m1\"}",
                bob);

        assertThat(api().removeParticipant(group, alice, alice).status()).isEqualTo(200);
        Response last = api().removeParticipant(group, bob, bob);

        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().get("seq").asLong()).isEqualTo(4);
        // the post's retry record holds only its seq, and expires with the retry window like every other
        String retryRecord = "chat:{" + group + "}:idem:c:" + bob.length() + ":" + bob + ":m1";
        assertThat(redis.keys("chat:{" + group + "}:*")).containsExactlyInAnyOrder("chat:{" + group + "}:deleted",
                retryRecord);
        assertThat(redis.getExpire("chat:{" + group + "}:deleted")).isPositive();
        assertThat(redis.getExpire(retryRecord)).isPositive();
        assertThat(api().send("GET", "/v1/conversations/" + group + "/messages", null, bob).status())
                .isEqualTo(404);
        Response retry = api().send("POST", "/v1/conversations", request, alice);
        assertThat(retry.status()).isEqualTo(410);
        assertThat(retry.problem()).isEqualTo("group-deleted");
        assertThat(redis.hasKey("chat:{" + group + "}:meta")).isFalse();
        assertThat(redis.opsForZSet().score("chat:{u:" + bob + "}:conversations", group)).isNull();
    }

    @Test
    void aUserWhoLeftByThemselfIsAddedBackOnlyByThemself() {
        String alice = "alice-b-" + run;
        String bob = "bob-b-" + run;
        String carol = "carol-b-" + run;
        String group = api().createGroup(alice, bob, carol);
        api().removeParticipant(group, bob, bob);
        String seq = redis.opsForValue().get("chat:{" + group + "}:seq");

        Response byOwner = api().addParticipant(group, bob, alice);
        Response byOther = api().addParticipant(group, bob, carol);

        assertThat(byOwner.status()).isEqualTo(403);
        assertThat(byOwner.problem()).isEqualTo("left-by-choice");
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(redis.opsForValue().get("chat:{" + group + "}:seq")).isEqualTo(seq);
        assertThat(redis.opsForSet().isMember("chat:{" + group + "}:participants", bob)).isFalse();
        assertThat(redis.opsForZSet().score("chat:{u:" + bob + "}:conversations", group)).isNull();

        Response rejoined = api().addParticipant(group, bob, bob);

        assertThat(rejoined.status()).isEqualTo(201);
        assertThat(redis.opsForSet().isMember("chat:{" + group + "}:participants", bob)).isTrue();
        assertThat(redis.opsForZSet().score("chat:{u:" + bob + "}:conversations", group)).isNotNull();
        assertThat(redis.opsForHash().hasKey("chat:{" + group + "}:left", bob)).isFalse();
    }

    @Test
    void someoneTheOwnerRemovedMayBeAddedBackByAnyParticipantButCannotRejoinAlone() {
        String alice = "alice-c-" + run;
        String bob = "bob-c-" + run;
        String carol = "carol-c-" + run;
        String group = api().createGroup(alice, bob, carol);
        api().removeParticipant(group, carol, alice);

        assertThat(api().addParticipant(group, carol, carol).status()).isEqualTo(404);
        assertThat(api().addParticipant(group, carol, bob).status()).isEqualTo(201);
    }
}
