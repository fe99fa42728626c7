package dev.chatsequencer.message;

import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the JSON a message is stored as in the timeline. The conversation id is left out (the key holds
 * it) and the seq comes first, written by post_message.lua, because only the script knows it.
 */
@Component
public class MessageCodec {

    private final JsonMapper jsonMapper;

    MessageCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** The stored JSON after {@code {"seq":N}: it starts with a comma and closes the object. */
    String tailAfterSeq(String senderId, String body, String clientMessageId, Instant sentAt) {
        String fields = jsonMapper.writeValueAsString(new Fields(senderId, body, clientMessageId, sentAt));
        return "," + fields.substring(1);
    }

    public Message decode(String conversationId, String stored) {
        Stored message = jsonMapper.readValue(stored, Stored.class);
        return new Message(conversationId, message.seq(), message.senderId(), message.body(),
                message.clientMessageId(), message.sentAt());
    }

    private record Fields(String senderId, String body, String clientMessageId, Instant sentAt) {
    }

    private record Stored(long seq, String senderId, String body, String clientMessageId, Instant sentAt) {
    }
}
