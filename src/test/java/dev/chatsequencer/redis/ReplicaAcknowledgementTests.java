package dev.chatsequencer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * WAIT batching without a Redis: one WAIT out at a time per connection, and every write confirmed while it is out
 * shares the next one; a WAIT that confirms too few replicas fails each write it covers.
 */
class ReplicaAcknowledgementTests {

    @SuppressWarnings("unchecked")
    final RedisAsyncCommands<byte[], byte[]> commands = mock(RedisAsyncCommands.class);
    final List<Reply> sent = new CopyOnWriteArrayList<>();

    ReplicaAcknowledgementTests() {
        when(commands.waitForReplication(anyInt(), anyLong())).thenAnswer(call -> {
            Reply reply = new Reply();
            sent.add(reply);
            return reply;
        });
    }

    @Test
    void writesConfirmedWhileAWaitIsOutShareTheNextOne() throws Exception {
        ReplicaAcknowledgement replicas = acknowledgement(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> replicas.confirm("chat:{a}:messages"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        List<CompletableFuture<Void>> waiting = List.of(
                CompletableFuture.runAsync(() -> replicas.confirm("chat:{b}:messages")),
                CompletableFuture.runAsync(() -> replicas.confirm("chat:{c}:messages")),
                CompletableFuture.runAsync(() -> replicas.confirm("chat:{d}:messages")));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);

        sent.get(0).complete(1L);
        first.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2);
        sent.get(1).complete(1L);

        for (CompletableFuture<Void> write : waiting) {
            write.get(5, TimeUnit.SECONDS);
        }
        verify(commands, times(2)).waitForReplication(1, 500);
    }

    @Test
    void tooFewReplicasFailTheWrite() {
        ReplicaAcknowledgement replicas = acknowledgement(2);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> replicas.confirm("chat:{a}:messages"));
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);

        sent.get(0).complete(1L);

        assertThatThrownBy(() -> write.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ReplicaAcknowledgement.ReplicationUnconfirmedException.class)
                .hasMessageContaining("1 of 2 replicas");
    }

    @Test
    void withoutReplicasNothingWaits() {
        ReplicaAcknowledgement replicas = acknowledgement(0);

        replicas.confirm("chat:{a}:messages");

        assertThat(replicas.enabled()).isFalse();
        verify(commands, never()).waitForReplication(anyInt(), anyLong());
    }

    private ReplicaAcknowledgement acknowledgement(int count) {
        LettuceConnectionFactory factory = mock(LettuceConnectionFactory.class);
        RedisConnection connection = mock(RedisConnection.class);
        when(factory.getConnection()).thenReturn(connection);
        when(connection.getNativeConnection()).thenReturn(commands);
        return new ReplicaAcknowledgement(factory, new DurabilityProperties(count, Duration.ofMillis(500)));
    }

    /** A WAIT reply the test completes. */
    static final class Reply extends CompletableFuture<Long> implements RedisFuture<Long> {

        @Override
        public String getError() {
            return null;
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) {
            return isDone();
        }
    }
}
