package dev.chatsequencer.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Every read costs its caller a token (gateway mode): pages, single entries, conversation state, read markers,
 * inboxes and stream opens draw from one bucket per user, and a read over the budget is a 429 that writes nothing,
 * not even the bucket. Another user's budget is untouched.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadBudgetIT {

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.security.mode=gateway", "chat.rate-limit.reads.capacity=6",
            "chat.rate-limit.reads.refill-per-second=0.01");

    @Autowired
    StringRedisTemplate redis;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyKindOfReadDrawsFromTheCallersBucketAndTheNextIs429WithItsHeaders() throws IOException {
        String alice = "alice-a-" + run;
        String conversation = open(alice, "bob-a-" + run);
        List<String> reads = List.of("GET /v1/conversations/" + conversation + "/messages",
                "GET /v1/conversations/" + conversation + "/messages/1",
                "GET /v1/conversations/" + conversation,
                "GET /v1/conversations/" + conversation + "/read-markers/" + alice,
                "GET /v1/users/me/conversations",
                "HEAD /v1/conversations/" + conversation + "/stream");

        for (int i = 0; i < reads.size(); i++) {
            RawHttp.Response read = call(reads.get(i), alice);
            assertThat(read.status()).as(reads.get(i)).isIn(200, 404);
            assertThat(read.header("RateLimit")).startsWith("\"reads\";r=" + (reads.size() - 1 - i) + ";t=");
        }
        Map<Object, Object> bucket = redis.opsForHash().entries("chat:{u:" + alice + "}:rate:reads");

        RawHttp.Response refused = call("GET /v1/conversations/" + conversation + "/messages", alice);
        RawHttp.Response stream = call("GET /v1/conversations/" + conversation + "/stream?after=0", alice);
        RawHttp.Response others = call("GET /v1/users/me/conversations", "bob-a-" + run);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("https://chat-sequencer.dev/problems/rate-limited");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.header("RateLimit-Policy")).startsWith("\"reads\";q=6;w=");
        assertThat(stream.status()).isEqualTo(429);
        assertThat(redis.opsForHash().entries("chat:{u:" + alice + "}:rate:reads")).isEqualTo(bucket);
        assertThat(others.status()).isEqualTo(200);
    }

    @Test
    void aCallerAtTheLimitIsRefusedWithoutAskingRedisUntilATokenCanBeThere() throws IOException {
        String carol = "carol-b-" + run;
        for (int i = 0; i < 6; i++) {
            assertThat(call("GET /v1/users/me/conversations", carol).status()).isEqualTo(200);
        }
        RawHttp.Response first = call("GET /v1/users/me/conversations", carol);
        long scriptCalls = scriptCalls();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(call("GET /v1/users/me/conversations", carol).status());
        }

        assertThat(first.status()).isEqualTo(429);
        assertThat(statuses).containsOnly(429);
        assertThat(scriptCalls()).isEqualTo(scriptCalls);
    }

    /** How many scripts Redis ran so far (EVALSHA and EVAL). */
    private long scriptCalls() {
        String stats = redis.execute((RedisCallback<Properties>) connection -> connection.serverCommands()
                .info("commandstats")).toString();
        long calls = 0;
        Matcher matcher = Pattern.compile("cmdstat_eval(sha)?=calls=(\\d+)").matcher(stats);
        while (matcher.find()) {
            calls += Long.parseLong(matcher.group(2));
        }
        return calls;
    }

    private String open(String user, String other) throws IOException {
        String body = "{\"participants\":[\"" + user + "\",\"" + other + "\"]}";
        try (RawHttp http = RawHttp.connect(service.port())) {
            RawHttp.Response opened = http.send("POST /v1/conversations/direct HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-User-Id: " + user + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).read();
            assertThat(opened.status()).isEqualTo(201);
            return opened.body().replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
        }
    }

    private RawHttp.Response call(String request, String user) throws IOException {
        try (RawHttp http = RawHttp.connect(service.port())) {
            http.send(request + " HTTP/1.1\r\nHost: localhost\r\nX-User-Id: " + user
                    + "\r\nConnection: close\r\n\r\n");
            // a HEAD's answer has no body, whatever its Content-Length says
            return request.startsWith("HEAD ") ? new RawHttp.Response(http.readHead(), "") : http.read();
        }
    }
}
