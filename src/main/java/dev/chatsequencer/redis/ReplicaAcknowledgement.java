package dev.chatsequencer.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Holds an acknowledgement back until Redis {@code WAIT} confirms that {@code chat.durability.replicas} replicas have
 * every write this instance sent to the master in question. A failover then cannot take an acknowledged seq back:
 * the promoted replica holds it. {@code WAIT} counts the writes of the connection it is sent on, so it goes on the
 * same (shared) connection as the scripts, and in a Cluster to the node that serves the key's slot.
 *
 * <p>Group commit: while one {@code WAIT} is out, the writes that complete meanwhile wait together for the next one,
 * sent as soon as the first returns. One {@code WAIT} thus confirms a whole batch of concurrent posts.
 */
@Component
public class ReplicaAcknowledgement {

    private final LettuceConnectionFactory connections;
    private final int replicas;
    private final long timeoutMillis;
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();

    ReplicaAcknowledgement(LettuceConnectionFactory connections, DurabilityProperties durabilityProperties) {
        this.connections = connections;
        this.replicas = durabilityProperties.replicas();
        this.timeoutMillis = durabilityProperties.timeout().toMillis();
    }

    /** True when writes wait for replicas before they are acknowledged. */
    public boolean enabled() {
        return replicas > 0;
    }

    /**
     * Returns once enough replicas hold every write sent so far to the master of {@code key}'s slot.
     *
     * @throws ReplicationUnconfirmedException when they do not confirm within the timeout: the write may or may not
     *         survive a failover, so its outcome is unknown to the client
     */
    public void confirm(String key) {
        if (replicas == 0) {
            return;
        }
        long confirmed;
        try {
            Target target = target(key);
            confirmed = batches.computeIfAbsent(target.id(), id -> new Batch()).next(target.commands())
                    .get(timeoutMillis + 3000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            throw new ReplicationUnconfirmedException("WAIT failed: " + ex.getCause().getMessage(), ex.getCause());
        } catch (TimeoutException ex) {
            throw new ReplicationUnconfirmedException("WAIT did not return", ex);
        } catch (RedisException ex) {
            throw new ReplicationUnconfirmedException("WAIT could not be sent: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ReplicationUnconfirmedException("Interrupted while waiting for replicas", ex);
        }
        if (confirmed < replicas) {
            throw new ReplicationUnconfirmedException(confirmed + " of " + replicas + " replicas confirmed the write "
                    + "within " + timeoutMillis + " ms", null);
        }
    }

    /** The connection the key's writes went on: the shared one, or in a Cluster its node's, with a batch of its own. */
    @SuppressWarnings("unchecked")
    private Target target(String key) {
        try (RedisConnection connection = connections.getConnection()) {
            Object commands = connection.getNativeConnection();
            if (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
                RedisAdvancedClusterAsyncCommands<byte[], byte[]> routed =
                        (RedisAdvancedClusterAsyncCommands<byte[], byte[]>) cluster;
                RedisClusterNode node = routed.getStatefulConnection().getPartitions()
                        .getMasterBySlot(SlotHash.getSlot(key.getBytes(StandardCharsets.UTF_8)));
                return new Target(node.getNodeId(), routed.getConnection(node.getNodeId()));
            }
            return new Target("", (RedisAsyncCommands<byte[], byte[]>) commands);
        }
    }

    private record Target(String id, RedisClusterAsyncCommands<byte[], byte[]> commands) {
    }

    /** The writes waiting for the next {@code WAIT} on one connection, and whether one is out. */
    private final class Batch {

        private List<CompletableFuture<Long>> waiting = new ArrayList<>();
        private RedisClusterAsyncCommands<byte[], byte[]> latest;
        private boolean out;

        /** {@code commands}: the connection as the caller found it now (a reconnect may have replaced it). */
        synchronized CompletableFuture<Long> next(RedisClusterAsyncCommands<byte[], byte[]> commands) {
            CompletableFuture<Long> confirmed = new CompletableFuture<>();
            waiting.add(confirmed);
            latest = commands;
            if (!out) {
                send();
            }
            return confirmed;
        }

        /** Sent only after every write of the batch completed, so this WAIT covers each of them. */
        private void send() {
            RedisClusterAsyncCommands<byte[], byte[]> commands = latest;
            List<CompletableFuture<Long>> batch = waiting;
            waiting = new ArrayList<>();
            out = true;
            CompletionStage<Long> reply;
            try {
                reply = commands.waitForReplication(replicas, timeoutMillis);
            } catch (RuntimeException closed) {
                // A connection closed under us (a reset after a promotion): this batch fails, the next one goes out.
                reply = CompletableFuture.failedFuture(closed);
            }
            reply.whenComplete((count, error) -> {
                for (CompletableFuture<Long> confirmed : batch) {
                    if (error != null) {
                        confirmed.completeExceptionally(error);
                    } else {
                        confirmed.complete(count);
                    }
                }
                synchronized (this) {
                    out = false;
                    if (!waiting.isEmpty()) {
                        send();
                    }
                }
            });
        }
    }

    /** Replicas did not confirm a write in time; the write may or may not survive a failover. */
    public static final class ReplicationUnconfirmedException extends TransientDataAccessResourceException {

        ReplicationUnconfirmedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
