package dev.chatsequencer.redis;

import static dev.chatsequencer.redis.PipelinedCommands.bytes;
import static dev.chatsequencer.redis.PipelinedCommands.text;
import static dev.chatsequencer.redis.PipelinedCommands.value;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** What an inbox shows of many conversations at once, each read from its own slot, pipelined. */
@Component
public class ConversationSummaries {

    private final PipelinedCommands pipeline;
    private final ConversationKeys keys;

    ConversationSummaries(PipelinedCommands pipeline, ConversationKeys keys) {
        this.pipeline = pipeline;
        this.keys = keys;
    }

    /**
     * When each conversation last had an entry, epoch milliseconds (0: none recorded), in one MGET: one command on
     * one Redis; on a Cluster, Lettuce splits it by slot and sends the parts to their nodes at once.
     */
    public long[] activities(List<String> conversationIds) {
        byte[][] activityKeys = new byte[conversationIds.size()][];
        for (int i = 0; i < activityKeys.length; i++) {
            activityKeys[i] = bytes(keys.activity(conversationIds.get(i)));
        }
        long[] activities = new long[activityKeys.length];
        if (activityKeys.length == 0) {
            return activities;
        }
        List<RedisFuture<?>> futures = pipeline.run(commands -> List.of(commands.mget(activityKeys)));
        @SuppressWarnings("unchecked")
        List<KeyValue<byte[], byte[]>> values = (List<KeyValue<byte[], byte[]>>) value(futures.get(0));
        for (int i = 0; i < activities.length; i++) {
            KeyValue<byte[], byte[]> at = values.get(i);
            activities[i] = at.hasValue() ? Long.parseLong(text(at.getValue())) : 0;
        }
        return activities;
    }

    /**
     * For each conversation: whether {@code user} is a participant (the truth), its last entry with its seq, the
     * user's read marker and a group's type and title. The last seq is the last entry's: each is read on its own,
     * but these two come from one command, so they agree.
     */
    public List<Summary> summaries(String user, List<String> conversationIds) {
        byte[] member = bytes(user);
        List<RedisFuture<?>> futures = pipeline.run(commands -> {
            List<RedisFuture<?>> sent = new ArrayList<>(conversationIds.size() * 4);
            for (String id : conversationIds) {
                sent.add(commands.sismember(bytes(keys.participants(id)), member));
                sent.add(commands.zrevrangeWithScores(bytes(keys.messages(id)), 0, 0));
                sent.add(commands.hget(bytes(keys.readMarkers(id)), member));
                sent.add(commands.hmget(bytes(keys.meta(id)), bytes("type"), bytes("title")));
            }
            return sent;
        });
        List<Summary> summaries = new ArrayList<>(conversationIds.size());
        for (int i = 0; i < conversationIds.size(); i++) {
            @SuppressWarnings("unchecked")
            List<ScoredValue<byte[]>> last = (List<ScoredValue<byte[]>>) value(futures.get(4 * i + 1));
            byte[] readSeq = (byte[]) value(futures.get(4 * i + 2));
            @SuppressWarnings("unchecked")
            List<KeyValue<byte[], byte[]>> meta = (List<KeyValue<byte[], byte[]>>) value(futures.get(4 * i + 3));
            summaries.add(new Summary(conversationIds.get(i), Boolean.TRUE.equals(value(futures.get(4 * i))),
                    last.isEmpty() ? 0 : (long) last.get(0).getScore(),
                    last.isEmpty() ? null : last.get(0).getValue(),
                    readSeq == null ? 0 : Long.parseLong(text(readSeq)),
                    field(meta, 0), field(meta, 1)));
        }
        return summaries;
    }

    private static String field(List<KeyValue<byte[], byte[]>> meta, int index) {
        KeyValue<byte[], byte[]> field = meta.get(index);
        return field.hasValue() ? text(field.getValue()) : null;
    }

    /**
     * What an inbox row shows of a conversation: whether the user is in it, its last seq and last entry as stored
     * (UTF-8 JSON; {@code null} when it has none), the user's read marker, and a group's type and title
     * ({@code null} otherwise).
     */
    public record Summary(String conversationId, boolean participant, long lastSeq, byte[] lastEntry, long readSeq,
            String groupType, String title) {
    }
}
