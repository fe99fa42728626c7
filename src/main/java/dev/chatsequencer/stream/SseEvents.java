package dev.chatsequencer.stream;

import dev.chatsequencer.timeline.TimelineCodec;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Encodes Server-Sent Events once, as the bytes every stream of a conversation writes: an entry's event is spliced
 * from its stored member by the timeline codec, once per doorbell or catch-up read, not once per follower. Compact
 * JSON never holds a raw line break, so one {@code data:} line suffices.
 */
@Component
class SseEvents {

    private static final byte[] DATA_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final TimelineCodec codec;

    SseEvents(TimelineCodec codec) {
        this.codec = codec;
    }

    /** The event of a stored entry: {@code id} its seq, {@code data} the API's JSON of it. */
    StreamEvent entry(String conversationId, byte[] stored) {
        long seq = codec.seq(stored);
        byte[] head = ("id: " + seq + "\nevent: message\ndata: ").getBytes(StandardCharsets.US_ASCII);
        byte[] json = codec.apiJson(conversationId, stored);
        byte[] event = new byte[head.length + json.length + DATA_END.length];
        System.arraycopy(head, 0, event, 0, head.length);
        System.arraycopy(json, 0, event, head.length, json.length);
        System.arraycopy(DATA_END, 0, event, head.length + json.length, DATA_END.length);
        return new StreamEvent(seq, event, codec.removedUser(stored));
    }

    /** The seq of a stored entry, without making its event. */
    long seq(byte[] stored) {
        return codec.seq(stored);
    }

    static byte[] comment(String text) {
        return (":" + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** One entry's event as written, its seq, and the user it removes from the group ({@code null}: none). */
    record StreamEvent(long seq, byte[] bytes, String removedUser) {

        /** True for the entry that removed {@code reader}: their stream ends with it. */
        boolean removes(String reader) {
            return reader != null && reader.equals(removedUser);
        }
    }
}
