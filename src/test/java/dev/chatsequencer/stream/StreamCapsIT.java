package dev.chatsequencer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.ExtraInstance;
import dev.chatsequencer.JsonApi;
import dev.chatsequencer.RawHttp;
import dev.chatsequencer.RedisIntegrationTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream caps that a forged X-Forwarded-For cannot dodge (gateway mode): a signed-in user holds at most
 * chat.stream.max-per-user streams from any number of addresses, and a client's address is the connection's own
 * unless it comes from a configured proxy (none by default), so the per-client cap counts real connections.
 */
@RedisIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamCapsIT {

    @RegisterExtension
    final ExtraInstance service = new ExtraInstance("chat.security.mode=gateway", "chat.stream.max-per-user=2",
            "chat.stream.max-per-client=3");

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<RawHttp> open = new ArrayList<>();

    @AfterEach
    void closeStreams() throws IOException {
        for (RawHttp stream : open) {
            stream.close();
        }
        open.clear();
    }

    @Test
    void forgedForwardedAddressesOpenNoMoreStreamsPerUserOrPerClient() throws IOException {
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        String carol = "carol-" + run;
        String group = new JsonApi(service.baseUrl(), "X-User-Id").send("POST", "/v1/conversations",
                "{\"participants\":[\"" + bob + "\",\"" + carol + "\"]}", alice).json().get("conversationId")
                .asString();

        assertThat(stream(group, alice, "10.0.0.1")).startsWith("HTTP/1.1 200");
        assertThat(stream(group, alice, "10.0.0.2")).startsWith("HTTP/1.1 200");
        String third = stream(group, alice, "10.0.0.3");
        assertThat(stream(group, bob, "10.0.0.4")).startsWith("HTTP/1.1 200");
        String fromTheSameClient = stream(group, carol, "10.0.0.5");

        assertThat(third).startsWith("HTTP/1.1 429").contains("user already holds 2");
        assertThat(fromTheSameClient).startsWith("HTTP/1.1 429").contains("client already holds 3");
    }

    /** Opens a stream as {@code user}, claiming to come from {@code forwardedFor}; its head, and body if refused. */
    private String stream(String group, String user, String forwardedFor) throws IOException {
        RawHttp http = RawHttp.connect(service.port());
        open.add(http);
        http.send("GET /v1/conversations/" + group + "/stream HTTP/1.1\r\nHost: localhost\r\nX-User-Id: " + user
                + "\r\nX-Forwarded-For: " + forwardedFor + "\r\nAccept: text/event-stream\r\n\r\n");
        RawHttp.Response response = http.read();
        return response.head() + response.body();
    }
}
