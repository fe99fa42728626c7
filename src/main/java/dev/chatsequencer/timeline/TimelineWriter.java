package dev.chatsequencer.timeline;

import dev.chatsequencer.redis.ReplicaAcknowledgement;
import dev.chatsequencer.storage.AppendOutcome;
import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.storage.Doorbells;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one write path of every timeline entry (messages and membership changes alike): run the script that takes the
 * next seq, confirm with replicas, ring the doorbell, meter. A store only says which script to run and what its
 * outcome means; it never repeats the protocol.
 *
 * <p>Who rings the doorbell is decided here, once. On one Redis the script publishes in the same atomic step (no extra
 * round trip). With {@code chat.durability.replicas} the script publishes nothing and this rings only after WAIT
 * confirmed the entry: a stream must never show an entry at a seq that a failover could give to another.
 */
@Component
public class TimelineWriter {

    private final ReplicaAcknowledgement replicas;
    private final Doorbells doorbells;
    private final ConversationKeys keys;
    private final TimelineMetrics metrics;

    TimelineWriter(ReplicaAcknowledgement replicas, Doorbells doorbells, ConversationKeys keys,
            TimelineMetrics metrics) {
        this.replicas = replicas;
        this.doorbells = doorbells;
        this.keys = keys;
        this.metrics = metrics;
    }

    /**
     * Runs {@code script} with the doorbell channel it is to publish on ("" for none) and returns its outcome once
     * the write is as durable as configured.
     *
     * @throws ReplicaAcknowledgement.ReplicationUnconfirmedException when replicas do not confirm in time: the
     *         request fails with 503 and its retry finds what the script did
     */
    public <T extends AppendOutcome> T append(String conversationId, EntryType type, Function<String, T> script) {
        boolean ringAfterConfirmation = replicas.enabled();
        T outcome = metrics.timeAppend(() -> script.apply(ringAfterConfirmation ? ""
                : doorbells.channel(conversationId)));
        if (outcome.confirms()) {
            replicas.confirm(keys.messages(conversationId));
        }
        String appended = outcome.appended();
        if (appended != null) {
            if (ringAfterConfirmation) {
                doorbells.ring(conversationId, appended);
            }
            metrics.appended(type);
        }
        return outcome;
    }
}
