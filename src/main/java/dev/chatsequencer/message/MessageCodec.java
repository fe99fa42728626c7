package dev.chatsequencer.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chatsequencer.redis.LuaScripts.MemberTemplate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
    private static final byte[] TYPE_FIELD = "\"type\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_TYPE_FIELD = ("\"type\":\"" + Message.MESSAGE + "\",")
            .getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper jsonMapper;

    MessageCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** A new message's member without its seq. */
    MemberTemplate template(String senderId, String body, String clientMessageId, Instant sentAt) {
        return template(new Fields(null, senderId, body, clientMessageId, sentAt, null, null, null));
    }

    /**
     * A new membership entry's member without its seq: {@code participants} and {@code title} for
     * {@link Message#GROUP_CREATED}, {@code userId} for the others.
     */
    public MemberTemplate entryTemplate(String type, String senderId, String userId, List<String> participants,
            String title, Instant sentAt) {
        return template(new Fields(type, senderId, null, null, sentAt, userId, participants, title));
    }

    private MemberTemplate template(Fields fields) {
        String json = jsonMapper.writeValueAsString(fields);
        return new MemberTemplate(BEFORE_SEQ, "," + json.substring(1));
    }

    /** The member an entry is stored as; a message's without its type, which reads back as message. */
    public String encode(Message entry) {
        String type = Message.MESSAGE.equals(entry.type()) ? null : entry.type();
        MemberTemplate template = template(new Fields(type, entry.senderId(), entry.body(), entry.clientMessageId(),
                entry.sentAt(), entry.userId(), entry.participants(), entry.title()));
        return template.beforeSeq() + entry.seq() + template.afterSeq();
    }

    /**
     * What goes in front of a stored member of this conversation to make it the API's JSON: the member is the
     * message JSON without its conversation id. An id is an identifier, never in need of escaping.
     */
    byte[] apiPrefix(String conversationId) {
        return ("{\"conversationId\":\"" + conversationId + "\",").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the API's JSON of a stored entry, spliced rather than parsed and written again: the {@link #apiPrefix},
     * the member's seq, its type (members stored without one are messages: every entry written before types
     * existed, and every message since, as the common case costs no bytes in Redis), then the rest of the member.
     */
    void writeApiJson(ByteArrayOutputStream out, byte[] apiPrefix, byte[] stored) {
        int afterSeq = BEFORE_SEQ.length();
        while (stored[afterSeq] != ',') {
            afterSeq++;
        }
        afterSeq++;
        out.writeBytes(apiPrefix);
        out.write(stored, 1, afterSeq - 1);
        if (!startsWith(stored, afterSeq, TYPE_FIELD)) {
            out.writeBytes(MESSAGE_TYPE_FIELD);
        }
        out.write(stored, afterSeq, stored.length - afterSeq);
    }

    /** The most bytes {@link #writeApiJson} writes for this member. */
    int apiJsonLength(byte[] apiPrefix, byte[] stored) {
        return apiPrefix.length + stored.length - 1 + MESSAGE_TYPE_FIELD.length;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length - offset >= prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    public Message decode(String conversationId, String stored) {
        return message(conversationId, jsonMapper.readValue(stored, Stored.class));
    }

    public Message decode(String conversationId, byte[] stored) {
        return message(conversationId, jsonMapper.readValue(stored, Stored.class));
    }

    private static Message message(String conversationId, Stored stored) {
        return new Message(conversationId, stored.seq(), stored.type() == null ? Message.MESSAGE : stored.type(),
                stored.senderId(), stored.body(), stored.clientMessageId(), stored.sentAt(), stored.userId(),
                stored.participants(), stored.title());
    }

    /**
     * A member after its seq, in the order of {@link Message}'s components, so that a spliced page and a serialized
     * entry read alike. A message leaves out its type; only the fields of its type are written.
     */
    private record Fields(@JsonInclude(JsonInclude.Include.NON_NULL) String type, String senderId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String body, String clientMessageId, Instant sentAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> participants,
            @JsonInclude(JsonInclude.Include.NON_NULL) String title) {
    }

    private record Stored(long seq, String type, String senderId, String body, String clientMessageId,
            Instant sentAt, String userId, List<String> participants, String title) {
    }
}
