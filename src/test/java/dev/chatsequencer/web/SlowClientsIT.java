package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.HealthProbe;
import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Clients that send their request body slowly, or a body over the limit slowly, against an instance with only 20
 * request threads: twice as many such clients must leave it responsive, and each is answered by its deadline.
 */
@RedisIntegrationTest
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsIT {

    static final int ATTACKERS = 40;

    @Autowired
    StringRedisTemplate redis;

    @RegisterExtension
    final ExtraInstance instance = new ExtraInstance("server.tomcat.threads.max=20", "chat.web.body-timeout=2s");

    /**
     * A body trickled under the limit waits for its deadline (408); one declared over the limit is refused at once
     * (413). Either way no thread is held meanwhile, and the rest of the body is never read: the server closes.
     */
    @ParameterizedTest
    @CsvSource({"60, 408, request-timeout", "1000000, 413, payload-too-large"})
    void slowBodiesHoldNoThreadAndAreRefusedWithAProblemAndAClose(int declared, int status, String type)
            throws Exception {
        String conversation = TestIds.conversation();
        List<RawHttp> attackers = attack(postHead(conversation, declared) + "{\"senderId\":\"a\",");
        try {
            HealthProbe.assertAnswersPromptly(instance.baseUrl());
            for (RawHttp attacker : attackers) {
                RawHttp.Response response = attacker.read();
                assertThat(response.status()).isEqualTo(status);
                assertThat(response.body()).contains("https://chat-sequencer.dev/problems/" + type);
                assertThat(attacker.closedByServerWithin(Duration.ofSeconds(2))).isTrue();
            }
            HealthProbe.assertAnswersPromptly(instance.baseUrl());
        } finally {
            closeAll(attackers);
        }
        assertThat(redis.keys("chat:{" + conversation + "}:*")).isEmpty();
    }

    @Test
    void connectionThatStopsSendingItsHeadersIsClosedAfterTheDefaultDeadline() throws Exception {
        List<RawHttp> attackers = attack("GET /v1/conversations/x/messages HTTP/1.1\r\nHost: loc");
        try {
            HealthProbe.assertAnswersPromptly(instance.baseUrl());
            // application.yml's server.tomcat.connection-timeout (10 s), not Tomcat's own minute
            assertThat(attackers.get(0).closedByServerWithin(Duration.ofSeconds(12))).isTrue();
        } finally {
            closeAll(attackers);
        }
    }

    /** Opens the attackers' connections, each sending the start of a request and then nothing. */
    private List<RawHttp> attack(String start) throws Exception {
        List<RawHttp> attackers = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            attackers.add(RawHttp.connect(instance.port()).send(start));
        }
        return attackers;
    }

    private static String postHead(String conversation, int contentLength) {
        return "POST /v1/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    private static void closeAll(List<RawHttp> connections) throws Exception {
        for (RawHttp connection : connections) {
            connection.close();
        }
    }
}
