package dev.chatsequencer.inbox;

import static dev.chatsequencer.redis.PipelinedCommands.bytes;
import static dev.chatsequencer.redis.PipelinedCommands.text;
import static dev.chatsequencer.redis.PipelinedCommands.value;

import dev.chatsequencer.redis.PipelinedCommands;
import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.storage.ConversationSummaries;
import io.lettuce.core.RedisFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Each user's inbox index, in the user's own slot: which conversations their inbox lists, written after a
 * conversation confirmed they joined it, and kept at its cap.
 */
@Component
public class InboxIndex {

    private final PipelinedCommands pipeline;
    private final ConversationSummaries conversations;
    private final ConversationKeys keys;
    private final int maxConversations;

    InboxIndex(PipelinedCommands pipeline, ConversationSummaries conversations, ConversationKeys keys,
            InboxProperties inboxProperties) {
        this.pipeline = pipeline;
        this.conversations = conversations;
        this.keys = keys;
        this.maxConversations = inboxProperties.maxConversations();
    }

    /**
     * Indexes the conversation for each user, scored {@code at}, once the conversation confirmed they are in it (a
     * refused request never gets here). An index over its cap loses the conversations that matter least (see
     * {@link #trim}).
     */
    public void add(Collection<String> users, String conversationId, Instant at) {
        byte[] member = bytes(conversationId);
        List<String> indexed = List.copyOf(users);
        List<RedisFuture<?>> futures = pipeline.run(commands -> {
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
                // a twentieth below the cap: the next joins add without trimming, so a trim's cost (it reads the
                // activity of every indexed conversation) is spread over many writes
                trim(indexed.get(i), size - maxConversations + maxConversations / 20);
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
        List<byte[]> members = (List<byte[]>) value(pipeline.run(commands -> List.of(commands.zrange(key, 0, -1)))
                .get(0));
        List<String> ids = members.stream().map(PipelinedCommands::text).toList();
        long[] activities = conversations.activities(ids);
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
        pipeline.run(commands -> List.of(commands.zrem(key, dropped)));
    }

    /**
     * Whether the user took part in each conversation: their read marker reached the entry that added them to a
     * group (a post moves it too), or is past 0 in a direct conversation.
     */
    private boolean[] engaged(String user, List<String> conversationIds) {
        byte[] member = bytes(user);
        List<RedisFuture<?>> futures = pipeline.run(commands -> {
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
        List<RedisFuture<?>> futures = pipeline.run(commands -> List.of(
                commands.zrevrange(bytes(keys.inbox(user)), 0, maxConversations - 1)));
        @SuppressWarnings("unchecked")
        List<byte[]> entries = (List<byte[]>) value(futures.get(0));
        return entries.stream().map(PipelinedCommands::text).toList();
    }
}
