package dev.chatsequencer.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chatsequencer.storage.MemberTemplate;
import dev.chatsequencer.storage.StoredPage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one encoder of timeline entries: the stored member format, written and read here only, and the API's JSON of
 * an entry, which is always spliced from the stored member (pages, single reads, posts, stream events, inboxes), never
 * decoded and encoded again. A member leaves out the conversation id (the key holds it) and puts the seq first; a new
 * entry is written as a {@link MemberTemplate} around its seq, because only the script knows the seq.
 */
@Component
public class TimelineCodec {

    private static final String BEFORE_SEQ = "{\"seq\":";
    private static final byte[] TYPE_FIELD = "\"type\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_TYPE_FIELD = ("\"type\":\"" + EntryType.MESSAGE.wire() + "\",")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REMOVAL_TYPE_FIELD = ("\"type\":\"" + EntryType.PARTICIPANT_REMOVED.wire() + "\",")
            .getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper jsonMapper;

    public TimelineCodec(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * A change of the message at {@code targetSeq} without its seq: an edit carries the new {@code body}, a deletion
     * ({@code body} null) none.
     */
    public MemberTemplate change(EntryType type, String senderId, long targetSeq, String body, Instant sentAt) {
        return template(new Fields(type, senderId, body, null, sentAt, null, null, null, targetSeq, null, null));
    }

    /** A text or a time as a JSON value (a quoted, escaped string), as every member holds it. */
    public String jsonValue(Object value) {
        return jsonMapper.writeValueAsString(value);
    }

    /** A new message's member without its seq. */
    public MemberTemplate message(String senderId, String body, String clientMessageId, Instant sentAt) {
        return template(new Fields(null, senderId, body, clientMessageId, sentAt, null, null, null, null, null, null));
    }

    /**
     * A new membership entry's member without its seq: {@code participants} and {@code title} for
     * {@link EntryType#GROUP_CREATED}, {@code userId} for the others.
     */
    public MemberTemplate membership(EntryType type, String senderId, String userId, List<String> participants,
            String title, Instant sentAt) {
        return template(new Fields(type, senderId, null, null, sentAt, userId, participants, title, null, null, null));
    }

    private MemberTemplate template(Fields fields) {
        String json = jsonMapper.writeValueAsString(fields);
        return new MemberTemplate(BEFORE_SEQ, "," + json.substring(1));
    }

    /** The member an entry is stored as; a message's without its type, which reads back as message. */
    public String encode(TimelineEntry entry) {
        EntryType type = entry.type() == EntryType.MESSAGE ? null : entry.type();
        MemberTemplate template = template(new Fields(type, entry.senderId(), entry.body(), entry.clientMessageId(),
                entry.sentAt(), entry.userId(), entry.participants(), entry.title(), entry.targetSeq(),
                entry.editedAt(), entry.deleted()));
        return template.beforeSeq() + entry.seq() + template.afterSeq();
    }

    /** The API's JSON of one stored entry. */
    public byte[] apiJson(String conversationId, byte[] stored) {
        byte[] prefix = apiPrefix(conversationId);
        ByteArrayOutputStream json = new ByteArrayOutputStream(apiJsonLength(prefix, stored));
        writeApiJson(json, prefix, stored);
        return json.toByteArray();
    }

    /**
     * The API's JSON of a page: its entries spliced in as stored, with the page's own fields around them and the
     * ranges the reader cannot see ({@code missing}, left out when none).
     */
    public byte[] pageJson(String conversationId, StoredPage page, List<TimelineGap> missing) {
        byte[] prefix = apiPrefix(conversationId);
        // sized once: the head and tail with two longs take under 64 bytes, and each entry its length and a comma
        int size = prefix.length + 64;
        for (byte[] member : page.members()) {
            size += apiJsonLength(prefix, member) + 1;
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(size);
        json.writeBytes(prefix);
        json.writeBytes(("\"lastSeq\":" + page.lastSeq() + ",\"messages\":[").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < page.members().size(); i++) {
            if (i > 0) {
                json.write(',');
            }
            writeApiJson(json, prefix, page.members().get(i));
        }
        json.writeBytes(("],\"hasMore\":" + page.hasMore()).getBytes(StandardCharsets.US_ASCII));
        if (!missing.isEmpty()) {
            json.writeBytes((",\"missing\":" + jsonMapper.writeValueAsString(missing))
                    .getBytes(StandardCharsets.UTF_8));
        }
        json.write('}');
        return json.toByteArray();
    }

    /** The seq of a stored member, read from its first field without parsing the rest. */
    public long seq(byte[] stored) {
        long seq = 0;
        for (int i = BEFORE_SEQ.length(); stored[i] != ','; i++) {
            seq = seq * 10 + (stored[i] - '0');
        }
        return seq;
    }

    /** The user a stored entry removes from its group, or {@code null}: only removals are decoded to find out. */
    public String removedUser(byte[] stored) {
        int afterSeq = afterSeq(stored);
        return startsWith(stored, afterSeq, REMOVAL_TYPE_FIELD) ? jsonMapper.readValue(stored, Stored.class).userId()
                : null;
    }

    /**
     * What goes in front of a stored member of this conversation to make it the API's JSON: the member is the entry's
     * JSON without its conversation id. An id is an identifier, never in need of escaping.
     */
    private static byte[] apiPrefix(String conversationId) {
        return ("{\"conversationId\":\"" + conversationId + "\",").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the API's JSON of a stored entry: the {@link #apiPrefix}, the member's seq, its type (members stored
     * without one are messages: every entry written before types existed, and every message since), then the rest.
     */
    private static void writeApiJson(ByteArrayOutputStream out, byte[] apiPrefix, byte[] stored) {
        int afterSeq = afterSeq(stored);
        out.writeBytes(apiPrefix);
        out.write(stored, 1, afterSeq - 1);
        if (!startsWith(stored, afterSeq, TYPE_FIELD)) {
            out.writeBytes(MESSAGE_TYPE_FIELD);
        }
        out.write(stored, afterSeq, stored.length - afterSeq);
    }

    /** The most bytes {@link #writeApiJson} writes for this member. */
    private static int apiJsonLength(byte[] apiPrefix, byte[] stored) {
        return apiPrefix.length + stored.length - 1 + MESSAGE_TYPE_FIELD.length;
    }

    /** Where the field after the seq starts. */
    private static int afterSeq(byte[] stored) {
        int afterSeq = BEFORE_SEQ.length();
        while (stored[afterSeq] != ',') {
            afterSeq++;
        }
        return afterSeq + 1;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length - offset >= prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    /** Reads a stored member back, for the few places that need its fields rather than its JSON. */
    public TimelineEntry decode(String conversationId, String stored) {
        return entry(conversationId, jsonMapper.readValue(stored, Stored.class));
    }

    public TimelineEntry decode(String conversationId, byte[] stored) {
        return entry(conversationId, jsonMapper.readValue(stored, Stored.class));
    }

    private static TimelineEntry entry(String conversationId, Stored stored) {
        return new TimelineEntry(conversationId, stored.seq(), EntryType.ofStored(stored.type()), stored.senderId(),
                stored.body(), stored.clientMessageId(), stored.sentAt(), stored.userId(), stored.participants(),
                stored.title(), stored.targetSeq(), stored.editedAt(), stored.deleted());
    }

    /**
     * A member after its seq, in the order of {@link TimelineEntry}'s components, so that a spliced entry and a
     * serialized one read alike. A message leaves out its type; only the fields of its type are written.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Fields(EntryType type, String senderId, String body,
            @JsonInclude(JsonInclude.Include.ALWAYS) String clientMessageId, Instant sentAt, String userId,
            List<String> participants, String title, Long targetSeq, Instant editedAt, Boolean deleted) {
    }

    private record Stored(long seq, String type, String senderId, String body, String clientMessageId,
            Instant sentAt, String userId, List<String> participants, String title, Long targetSeq,
            Instant editedAt, Boolean deleted) {
    }
}
