package dev.chatsequencer.stream;

import dev.chatsequencer.message.Message;
import dev.chatsequencer.message.MessageStore;
import dev.chatsequencer.message.TimelinePage;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's live stream. It delivers strictly the next seq or nothing: a doorbell that skips ahead (a missed or
 * reordered pub/sub notification) makes it read the gap from the timeline first, so the client never sees a gap or a
 * repeat, across the switch from stored to live messages included. A lock, not {@code synchronized}, guards it, so
 * virtual threads blocked on Redis or on a slow client do not pin their carrier.
 */
final class StreamSubscriber {

    private static final Logger log = LoggerFactory.getLogger(StreamSubscriber.class);
    private static final int CATCH_UP_BATCH = 200;

    private final String conversationId;
    private final SseEmitter emitter;
    private final MessageStore store;
    private final Consumer<StreamSubscriber> onGone;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean released = new AtomicBoolean();
    private long lastSeq;
    private boolean closed;

    /**
     * @param after the seq the client has already seen
     * @param onGone what frees this stream's resources when the client is found gone
     */
    StreamSubscriber(String conversationId, SseEmitter emitter, MessageStore store, long after,
            Consumer<StreamSubscriber> onGone) {
        this.conversationId = conversationId;
        this.emitter = emitter;
        this.store = store;
        this.lastSeq = after;
        this.onGone = onGone;
    }

    /** True the first time only: the hub counts and unregisters each stream once, whichever callback comes first. */
    boolean markReleased() {
        return released.compareAndSet(false, true);
    }

    String conversationId() {
        return conversationId;
    }

    /** Takes a message announced on pub/sub: the next one is sent, an older one ignored, a later one fills the gap. */
    void offer(Message message) {
        locked(() -> {
            if (closed || message.seq() <= lastSeq) {
                return;
            }
            if (message.seq() == lastSeq + 1) {
                send(message);
            } else {
                catchUpLocked();
            }
        });
    }

    /** Sends every stored message after the last one sent. */
    void catchUp() {
        locked(this::catchUpLocked);
    }

    /** Sends a heartbeat comment, then whatever the timeline holds beyond what was sent, if it holds more. */
    void heartbeat(long conversationLastSeq) {
        locked(() -> {
            if (closed) {
                return;
            }
            emit(SseEmitter.event().comment("keep-alive"));
            if (conversationLastSeq > lastSeq) {
                catchUpLocked();
            }
        });
    }

    /** Ends the stream from the server's side, e.g. at shutdown; the client resumes elsewhere with Last-Event-ID. */
    void complete() {
        locked(() -> {
            if (!closed) {
                closed = true;
                emitter.complete();
            }
        });
    }

    private void locked(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    private void catchUpLocked() {
        try {
            while (!closed) {
                TimelinePage page = store.page(conversationId, lastSeq, null, CATCH_UP_BATCH);
                for (Message message : page.messages()) {
                    send(message);
                }
                if (!page.hasMore()) {
                    return;
                }
            }
        } catch (DataAccessException ex) {
            // Redis is away; the next doorbell, heartbeat or resubscription catches up from lastSeq.
            log.debug("Catch-up of a stream of {} deferred: {}", conversationId, ex.getMessage());
        }
    }

    private void send(Message message) {
        if (!closed && emit(SseEmitter.event().id(Long.toString(message.seq())).name("message")
                .data(message, MediaType.APPLICATION_JSON))) {
            lastSeq = message.seq();
        }
    }

    private boolean emit(SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException ex) {
            // The client went away: release the stream now rather than when the container notices.
            closed = true;
            onGone.accept(this);
            return false;
        }
    }
}
