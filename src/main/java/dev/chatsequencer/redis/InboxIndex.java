package dev.chatsequencer.redis;

import dev.chatsequencer.ChatProperties;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each user's inbox index and the reads an inbox needs from many conversations at once. The conversations live in
 * other slots than the user (other nodes, in a Cluster), so no script can read them together: the commands go out
 * on Lettuce's async API all at once, which pipelines them (and in a Cluster routes each to its node), and one wait
 * covers them all: one round trip per node instead of one per conversation.
 */
@Component
public class InboxIndex {

    private final LettuceConnectionFactory connections;
    private final ConversationKeys keys;
    private final long timeoutMillis;
    private final int maxConversations;

    InboxIndex(LettuceConnectionFactory connections, ConversationKeys keys, DataRedisProperties redis,
            ChatProperties properties) {
        this.connections = connections;
        this.keys = keys;
        this.timeoutMillis = redis.getTimeout() == null ? 60_000 : redis.getTimeout().toMillis();
        this.maxConversations = properties.inbox().maxConversations();
    }

    /**
     * Indexes the conversation for each user, scored {@code at}, once the conversation confirmed they are in it (a
     * refused request never gets here). An index over its cap loses the conversations that matter least (see
     * {@link #trim}).
     */
    public void add(Collection<String> users, String conversationId, Instant at) {
        byte[] member = bytes(conversationId);
        List<String> indexed = List.copyOf(users);
        List<RedisFuture<?>> futures = run(commands -> {
            List<RedisFuture<?>> sent = new ArrayList<>(indexed.size() * 2);
            for (String user : indexed) {
                byte[] key = bytes(keys.inbox(user));
                sent.add(commands.zadd(key, (double) at.toEpochMilli(), member));
                sent.add(commands.zcard(key));
            }
            return sent;
        });
        for (int i = 0; i < indexed.size(); i++) {
            long size = (Long) value(futures.get(2 * i + 1));
            if (size > maxConversations) {
                trim(indexed.get(i), size - maxConversations);
            }
        }
    }

    /**
     * Drops the {@code excess} conversations of the user's index that matter least to them: first those they never
     * took part in (never read past the entry that brought them in, never posted), then the rest; in each, the one
     * whose last activity is oldest first. A flood of groups that others put the user in therefore pushes out only
     * other such groups with older activity, never a conversation the user took part in.
     */
    private void trim(String user, long excess) {
        byte[] key = bytes(keys.inbox(user));
        @SuppressWarnings("unchecked")
        List<byte[]> members = (List<byte[]>) value(run(commands -> List.of(commands.zrange(key, 0, -1))).get(0));
        List<String> ids = members.stream().map(InboxIndex::text).toList();
        long[] activities = activities(ids);
        boolean[] engaged = engaged(user, ids);
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer, Boolean>comparing(i -> engaged[i])
                .thenComparingLong(i -> activities[i]).thenComparing(ids::get));
        byte[][] dropped = new byte[(int) Math.min(excess, order.length)][];
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = members.get(order[i]);
        }
        run(commands -> List.of(commands.zrem(key, dropped)));
    }

    /**
     * Whether the user took part in each conversation: their read marker reached the entry that added them to a
     * group (a post moves it too), or is past 0 in a direct conversation.
     */
    private boolean[] engaged(String user, List<String> conversationIds) {
        byte[] member = bytes(user);
        List<RedisFuture<?>> futures = run(commands -> {
            List<RedisFuture<?>> sent = new ArrayList<>(conversationIds.size() * 2);
            for (String id : conversationIds) {
                sent.add(commands.hget(bytes(keys.readMarkers(id)), member));
                sent.add(commands.hget(bytes(keys.joined(id)), member));
            }
            return sent;
        });
        boolean[] engaged = new boolean[conversationIds.size()];
        for (int i = 0; i < engaged.length; i++) {
            byte[] read = (byte[]) value(futures.get(2 * i));
            byte[] joined = (byte[]) value(futures.get(2 * i + 1));
            long readSeq = read == null ? 0 : Long.parseLong(text(read));
            engaged[i] = joined == null ? readSeq > 0 : readSeq >= Long.parseLong(text(joined));
        }
        return engaged;
    }

    /**
     * The conversations in the user's index (at most the cap: every write trims it), without their scores: turning
     * thousands of scores into text costs Redis more than the rest of the read.
     */
    public List<String> read(String user) {
        List<RedisFuture<?>> futures = run(commands -> List.of(
                commands.zrevrange(bytes(keys.inbox(user)), 0, maxConversations - 1)));
        @SuppressWarnings("unchecked")
        List<byte[]> entries = (List<byte[]>) value(futures.get(0));
        return entries.stream().map(InboxIndex::text).toList();
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
        List<RedisFuture<?>> futures = run(commands -> List.of(commands.mget(activityKeys)));
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
        List<RedisFuture<?>> futures = run(commands -> {
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

    /**
     * Sends the commands {@code send} issues on the shared connection and waits for all of them at once.
     *
     * @throws RedisSystemException when Redis fails or does not answer within the command timeout (a 503)
     */
    private List<RedisFuture<?>> run(Function<RedisClusterAsyncCommands<byte[], byte[]>, List<RedisFuture<?>>> send) {
        List<RedisFuture<?>> futures;
        try (RedisConnection connection = connections.getConnection()) {
            @SuppressWarnings("unchecked")
            RedisClusterAsyncCommands<byte[], byte[]> commands =
                    (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
            futures = send.apply(commands);
        }
        try {
            CompletableFuture.allOf(futures.stream().map(RedisFuture::toCompletableFuture)
                    .toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            throw new RedisSystemException("Inbox read failed: " + ex.getCause().getMessage(), ex.getCause());
        } catch (TimeoutException ex) {
            throw new RedisSystemException("Inbox read timed out", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RedisSystemException("Interrupted while reading an inbox", ex);
        }
        return futures;
    }

    private static Object value(RedisFuture<?> future) {
        return future.toCompletableFuture().join();
    }

    private static String field(List<KeyValue<byte[], byte[]>> meta, int index) {
        KeyValue<byte[], byte[]> field = meta.get(index);
        return field.hasValue() ? text(field.getValue()) : null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
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
