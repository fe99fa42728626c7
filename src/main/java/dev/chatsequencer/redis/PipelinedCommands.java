package dev.chatsequencer.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
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
 * Many commands at once on Lettuce's async API, which pipelines them (and in a Cluster routes each to its node), with
 * one wait for them all: one round trip per node instead of one per command. For the reads and writes that span many
 * slots (a user's inbox and the conversations it names), which no script can do together.
 */
@Component
public class PipelinedCommands {

    private final LettuceConnectionFactory connections;
    private final long timeoutMillis;

    PipelinedCommands(LettuceConnectionFactory connections, DataRedisProperties redis) {
        this.connections = connections;
        this.timeoutMillis = redis.getTimeout() == null ? 60_000 : redis.getTimeout().toMillis();
    }

    /**
     * Sends the commands {@code send} issues on the shared connection and waits for all of them at once.
     *
     * @throws RedisSystemException when Redis fails or does not answer within the command timeout (a 503)
     */
    public List<RedisFuture<?>> run(Function<RedisClusterAsyncCommands<byte[], byte[]>, List<RedisFuture<?>>> send) {
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
            throw new RedisSystemException("Pipelined commands failed: " + ex.getCause().getMessage(), ex.getCause());
        } catch (TimeoutException ex) {
            throw new RedisSystemException("Pipelined commands timed out", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RedisSystemException("Interrupted while waiting for pipelined commands", ex);
        }
        return futures;
    }

    /** The value of a command {@link #run} waited for. */
    public static Object value(RedisFuture<?> future) {
        return future.toCompletableFuture().join();
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
