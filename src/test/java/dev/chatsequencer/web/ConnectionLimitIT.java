package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.HealthProbe;
import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client address that holds connections open by trickling headers can fill no more than its share of the
 * connector: past {@code chat.web.max-connections-per-client} its connections are closed at once, and other
 * clients (127.0.0.1 here, the attacker is 127.0.0.2) are served as usual.
 */
@RedisIntegrationTest
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLimitIT {

    static final int LIMIT = 20;

    @RegisterExtension
    final ExtraInstance instance = new ExtraInstance("chat.web.max-connections-per-client=" + LIMIT);

    @Test
    void clientOverItsConnectionLimitIsClosedAtOnceAndOthersAreServed() throws Exception {
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                held.add(slowHeaders());
            }
            try (RawHttp over = slowHeaders()) {
                assertThat(over.closedByServerWithin(Duration.ofSeconds(2))).isTrue();
            }
            assertThat(held.get(0).closedByServerWithin(Duration.ofMillis(200))).isFalse();
            HealthProbe.assertAnswersPromptly(instance.baseUrl());

            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (RawHttp again = slowHeaders()) {
                    return !again.closedByServerWithin(Duration.ofMillis(300));
                }
            });
        } finally {
            for (RawHttp connection : held) {
                connection.close();
            }
        }
    }

    private RawHttp slowHeaders() throws Exception {
        return RawHttp.connect("127.0.0.2", instance.port(), 0)
                .send("GET /v1/conversations/x/messages HTTP/1.1\r\nHost: lo");
    }
}
