package dev.chatsequencer.message;

import dev.chatsequencer.redis.LuaScripts.MemberTemplate;
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
     * The API's JSON of a stored message, spliced rather than parsed and written again: the member is the message
     * JSON without its conversation id, so the id goes in front. An id is an identifier, never in need of escaping.
     */
    public String toApiJson(String conversationId, String stored) {
        return "{\"conversationId\":\"" + conversationId + "\"," + stored.substring(1);
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
