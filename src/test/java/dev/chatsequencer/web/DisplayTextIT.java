package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi;
import dev.chatsequencer.JsonApi.Response;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Text people read in a chat: control characters, bidi overrides and text with nothing visible are refused in bodies
 * and group titles, and nothing is stored; line breaks and tabs are fine in a body, and so are emoji sequences with
 * their zero-width joiners.
 */
@RedisIntegrationTest
class DisplayTextIT {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    JsonApi api() {
        return new JsonApi("http://localhost:" + port, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul \\u0000 inside", "escape \\u001b[31m red", "\\u200b\\u200c\\u200d", "\\u2800\\u3164",
        "\\ufe0f", "abc \\u202e gpj.exe", "isolated \\u2066 text", "bell \\u0007"})
    void aBodyWithControlOrBidiCharactersOrNothingVisibleIsRefusedAndNothingStored(String body) {
        String conversation = TestIds.conversation();

        Response refused = api().send("POST", "/v1/conversations/" + conversation + "/messages",
                "{\"senderId\":\"alice\",\"body\":\"" + body + "\"}", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problem()).isEqualTo("invalid-request");
        assertThat(redis.keys("chat:{" + conversation + "}:*")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Climbing\\u0000", "\\u001b]0;owned\\u0007", "\\u200b", "a\\u202eb", "two\\nlines"})
    void aTitleWithControlOrBidiCharactersOrNothingVisibleIsRefusedAndNoGroupCreated(String title) {
        String owner = "owner-" + UUID.randomUUID();

        Response refused = api().send("POST", "/v1/conversations", "{\"senderId\":\"" + owner + "\",\"participants\":"
                + "[\"bob\"],\"title\":\"" + title + "\"}", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(redis.keys("chat:{u:" + owner + "}:*")).isEmpty();
    }

    @Test
    void lineBreaksTabsAndEmojiWithJoinersAreText() {
        String body = "first line\\n\\tsecond, indented \\ud83d\\udc69\\u200d\\ud83d\\udcbb";

        Response posted = api().send("POST", "/v1/conversations/" + TestIds.conversation() + "/messages",
                "{\"senderId\":\"alice\",\"body\":\"" + body + "\"}", null);

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("body").asString()).isEqualTo("first line\n\tsecond, indented \uD83D\uDC69\u200D"
                + "\uD83D\uDCBB");
    }
}
