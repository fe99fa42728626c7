package dev.chatsequencer.stream;

import dev.chatsequencer.message.Message;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes Server-Sent Events once, as the bytes every stream of a conversation writes: a message is serialized once
 * per doorbell, not once per follower. Compact JSON never holds a raw line break, so one {@code data:} line suffices.
 */
@Component
class SseEvents {

    private final JsonMapper jsonMapper;

    SseEvents(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    byte[] message(Message message) {
        return ("id: " + message.seq() + "\nevent: message\ndata: " + jsonMapper.writeValueAsString(message) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] comment(String text) {
        return (":" + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
