package dev.chatsequencer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Per-user token buckets shared by every instance through Redis: a burst passes, the next request is refused with
 * 429, Retry-After and the RateLimit headers, and consumes no seq. Two instances draw from the same bucket.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT {

    static final String[] LIMITS = {"chat.rate-limit.posts.capacity=3", "chat.rate-limit.posts.refill-per-second=0.5",
        "chat.rate-limit.conversations.capacity=1", "chat.rate-limit.conversations.refill-per-second=0.01"};

    @RegisterExtension
    final ExtraInstance first = new ExtraInstance(LIMITS);

    @RegisterExtension
    final ExtraInstance second = new ExtraInstance(LIMITS);

    @Autowired
    StringRedisTemplate redis;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBurstPassesThenTheNextPostIs429AndConsumesNoSeq() throws Exception {
        String user = "u-" + UUID.randomUUID();
        String conversation = TestIds.conversation();
        double refusedBefore = refusedPosts(first);

        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> posted = post(first, conversation, user);
            assertThat(posted.statusCode()).isEqualTo(201);
            assertThat(posted.headers().firstValue("RateLimit-Policy")).hasValue("\"posts\";q=3;w=6");
            assertThat(posted.headers().firstValue("RateLimit").orElseThrow())
                    .startsWith("\"posts\";r=" + remaining + ";t=");
        }
        HttpResponse<String> refused = post(first, conversation, user);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("https://chat-sequencer.dev/problems/rate-limited");
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 2);
        assertThat(refused.headers().firstValue("RateLimit")).hasValueSatisfying(
                value -> assertThat(value).startsWith("\"posts\";r=0;"));
        assertThat(redis.opsForValue().get("chat:{" + conversation + "}:seq")).isEqualTo("3");
        assertThat(refusedPosts(first)).isEqualTo(refusedBefore + 1);
    }

    @Test
    void everyInstanceDrawsFromTheSameBucketAndEachUserHasTheirOwn() throws Exception {
        String user = "u-" + UUID.randomUUID();
        String conversation = TestIds.conversation();
        for (int i = 0; i < 3; i++) {
            assertThat(post(i % 2 == 0 ? first : second, conversation, user).statusCode()).isEqualTo(201);
        }

        assertThat(post(second, conversation, user).statusCode()).isEqualTo(429);
        assertThat(post(first, conversation, user).statusCode()).isEqualTo(429);
        assertThat(post(second, conversation, "other-" + user).statusCode()).isEqualTo(201);
        assertThat(redis.keys("chat:{u:" + user + "}:rate:posts")).hasSize(1);
    }

    @Test
    void creatingConversationsHasItsOwnLowerLimit() throws Exception {
        HttpResponse<String> opened = send(first, "POST", "/v1/conversations/direct",
                "{\"participants\":[\"a-" + UUID.randomUUID() + "\",\"b\"]}");
        HttpResponse<String> again = send(second, "POST", "/v1/conversations/direct",
                "{\"participants\":[\"c-" + UUID.randomUUID() + "\",\"d\"]}");

        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("RateLimit-Policy")).hasValue("\"conversations\";q=1;w=100");
    }

    private HttpResponse<String> post(ExtraInstance instance, String conversation, String user) throws Exception {
        return send(instance, "POST", "/v1/conversations/" + conversation + "/messages",
                "{\"senderId\":\"" + user + "\",\"body\":\"hi\"}");
    }

    private HttpResponse<String> send(ExtraInstance instance, String method, String path, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private double refusedPosts(ExtraInstance instance) throws Exception {
        String scrape = http.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("(?m)^chat_rate_limited_total\\{[^}]*limit=\"posts\"[^}]*} (\\S+)$")
                .matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
