package dev.chatsequencer.storage;

import static dev.chatsequencer.redis.PipelinedCommands.bytes;
import static dev.chatsequencer.redis.PipelinedCommands.text;
import static dev.chatsequencer.redis.PipelinedCommands.value;

import dev.chatsequencer.redis.PipelinedCommands;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** What an inbox shows of many conversations at once, each read from its own slot, pipelined. */
@Component
public class ConversationSummaries {

    private final PipelinedCommands pipeline;
    private final ConversationKeys keys;
    private final RedisScript<List<Object>> summary;
    private final RetentionPolicy retention;

    ConversationSummaries(PipelinedCommands pipeline, ConversationKeys keys,
            @Qualifier(ScriptConfiguration.CONVERSATION_SUMMARY) RedisScript<List<Object>> summary,
            RetentionPolicy retention) {
        this.pipeline = pipeline;
        this.keys = keys;
        this.summary = summary;
        this.retention = retention;
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
     * For each conversation: whether {@code user} is a participant (the truth), its last seq and last entry, the
     * user's read marker and a group's type and title: one conversation_summary.lua per conversation, all pipelined,
     * so each row is one consistent read and its last seq follows the one rule every script shares.
     */
    public List<Summary> summaries(String user, List<String> conversationIds) {
        List<RedisFuture<?>> futures;
        try {
            futures = pipeline.run(commands -> send(commands, user, conversationIds, true));
        } catch (RedisSystemException ex) {
            if (!noScript(ex)) {
                throw ex;
            }
            // a Redis that restarted or failed over has an empty script cache: EVAL runs the text and caches it again
            futures = pipeline.run(commands -> send(commands, user, conversationIds, false));
        }
        List<Summary> summaries = new ArrayList<>(conversationIds.size());
        for (int i = 0; i < conversationIds.size(); i++) {
            @SuppressWarnings("unchecked")
            List<Object> row = (List<Object>) value(futures.get(i));
            byte[] last = (byte[]) row.get(2);
            summaries.add(new Summary(conversationIds.get(i), (Long) row.get(0) == 1, (Long) row.get(1),
                    last.length == 0 ? null : last, (Long) row.get(3), (Long) row.get(6), field(row, 4),
                    field(row, 5)));
        }
        return summaries;
    }

    private List<RedisFuture<?>> send(RedisClusterAsyncCommands<byte[], byte[]> commands, String user,
            List<String> conversationIds, boolean bySha) {
        byte[] reader = bytes(user);
        byte[] policy = bytes(retention.now());
        List<RedisFuture<?>> sent = new ArrayList<>(conversationIds.size());
        for (String id : conversationIds) {
            byte[][] rowKeys = keys.stateKeys(id).stream().map(PipelinedCommands::bytes).toArray(byte[][]::new);
            sent.add(bySha ? commands.evalsha(summary.getSha1(), ScriptOutputType.MULTI, rowKeys, reader, policy)
                    : commands.eval(summary.getScriptAsString(), ScriptOutputType.MULTI, rowKeys, reader, policy));
        }
        return sent;
    }

    private static boolean noScript(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisNoScriptException) {
                return true;
            }
        }
        return false;
    }

    private static String field(List<Object> row, int index) {
        byte[] field = (byte[]) row.get(index);
        return field.length == 0 ? null : text(field);
    }

    /**
     * What an inbox row shows of a conversation: whether the user is in it, its last seq and last entry as stored
     * (UTF-8 JSON; {@code null} when it has none), the user's read marker (at most the last seq) and the messages
     * after it they have not read, and a group's type and title ({@code null} otherwise).
     */
    public record Summary(String conversationId, boolean participant, long lastSeq, byte[] lastEntry, long readSeq,
            long unread, String groupType, String title) {
    }
}
