package dev.chatsequencer.message;

import dev.chatsequencer.redis.LuaScripts.MemberTemplate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored message format, written and read here only: the JSON of a timeline member. The conversation id is left
 * out (the key holds it) and the seq comes first; a new message is written as a {@link MemberTemplate} around its
 * seq, because only post_message.lua knows the seq.
 */
@Component
public class MessageCodec {

    private static final String BEFORE_SEQ = "{\"seq\":";

    private final JsonMapper jsonMapper;

    MessageCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** A new message's member without its seq. */
    MemberTemplate template(String senderId, String body, String clientMessageId, Instant sentAt) {
        String fields = jsonMapper.writeValueAsString(new Fields(senderId, body, clientMessageId, sentAt));
        return new MemberTemplate(BEFORE_SEQ, "," + fields.substring(1));
    }

    /** The member a message is stored as. */
    public String encode(Message message) {
        MemberTemplate template = template(message.senderId(), message.body(), message.clientMessageId(),
                message.sentAt());
        return template.beforeSeq() + message.seq() + template.afterSeq();
    }

    /**
     * What goes in front of a stored member of this conversation to make it the API's JSON: the member is the
     * message JSON without its conversation id. An id is an identifier, never in need of escaping.
     */
    byte[] apiPrefix(String conversationId) {
        return ("{\"conversationId\":\"" + conversationId + "\",").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the API's JSON of a stored message, spliced rather than parsed and written again: the
     * {@link #apiPrefix}, then the member without its opening brace.
     */
    void writeApiJson(ByteArrayOutputStream out, byte[] apiPrefix, byte[] stored) {
        out.writeBytes(apiPrefix);
        out.write(stored, 1, stored.length - 1);
    }

    public Message decode(String conversationId, String stored) {
        return message(conversationId, jsonMapper.readValue(stored, Stored.class));
    }

    public Message decode(String conversationId, byte[] stored) {
        return message(conversationId, jsonMapper.readValue(stored, Stored.class));
    }

    private static Message message(String conversationId, Stored stored) {
        return new Message(conversationId, stored.seq(), stored.senderId(), stored.body(), stored.clientMessageId(),
                stored.sentAt());
    }

    private record Fields(String senderId, String body, String clientMessageId, Instant sentAt) {
    }

    private record Stored(long seq, String senderId, String body, String clientMessageId, Instant sentAt) {
    }
}
