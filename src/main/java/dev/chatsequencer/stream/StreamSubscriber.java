package dev.chatsequencer.stream;

import dev.chatsequencer.access.ConversationNotFoundException;
import dev.chatsequencer.storage.StoredPage;
import dev.chatsequencer.stream.SseEvents.StreamEvent;
import dev.chatsequencer.timeline.TimelineReader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * One client's live stream, written with non-blocking servlet I/O: no thread ever waits for a slow or stalled client,
 * so a client that stops reading delays only itself.
 *
 * <p>Delivery is strictly the next seq or nothing. Events wait in a queue bounded by {@code maxPendingBytes}; when it
 * is full, or a doorbell skips ahead (a missed or reordered pub/sub notification), the stream stops taking doorbells
 * and reads what it lacks from the timeline once the client has drained the queue. The timeline in Redis is the
 * buffer of a slow client, so its memory here stays bounded, and the client still never sees a gap or a repeat.
 * A client that makes no progress for a whole heartbeat interval while events wait is stalled, and its stream is
 * ended (it resumes with {@code Last-Event-ID}).
 *
 * <p>A lock, not {@code synchronized}, guards the state, and nothing blocks while holding it: Redis is read outside.
 */
final class StreamSubscriber implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(StreamSubscriber.class);
    private static final int CATCH_UP_BATCH = 100;

    private final String conversationId;
    private final String reader;
    private final String client;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final TimelineReader timeline;
    private final SseEvents events;
    private final Executor executor;
    private final int maxPendingBytes;
    private final BiConsumer<StreamSubscriber, StreamEnd> onRelease;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean released = new AtomicBoolean();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private int pendingBytes;
    private boolean flushNeeded;
    private boolean progressed = true;
    private long lastQueuedSeq;
    private boolean catchUpRunning;
    private boolean catchUpWanted;
    private boolean started;
    private boolean closed;
    private boolean removed;

    /**
     * @param reader the participant who reads, whose removal from the group ends the stream; {@code null} without
     *        caller identification
     * @param greeting the opening comment, queued first so that it commits the response
     * @param after the seq the client has already seen
     * @param onRelease frees this stream's place in the hub; called once, whichever way the stream ends
     */
    StreamSubscriber(String conversationId, String reader, String client, AsyncContext async, ServletOutputStream out,
            TimelineReader timeline, SseEvents events, Executor executor, int maxPendingBytes, String greeting,
            long after, BiConsumer<StreamSubscriber, StreamEnd> onRelease) {
        this.conversationId = conversationId;
        this.reader = reader;
        this.client = client;
        this.async = async;
        this.out = out;
        this.timeline = timeline;
        this.events = events;
        this.executor = executor;
        this.maxPendingBytes = maxPendingBytes;
        this.lastQueuedSeq = after;
        this.onRelease = onRelease;
        enqueue(SseEvents.comment(greeting));
    }

    String conversationId() {
        return conversationId;
    }

    String client() {
        return client;
    }

    /** The user who reads, {@code null} without identification. */
    String reader() {
        return reader;
    }

    /**
     * Starts writing, once the write listener is set (non-blocking writes are illegal before), and reads what the
     * client missed. Doorbells that came before were queued or noted, so the stream can join the hub early.
     */
    void start() {
        locked(() -> {
            started = true;
            requestCatchUp();
            pump();
        });
    }

    /** Takes an entry announced on pub/sub: the next one is queued, an older one ignored, a later one fills a gap. */
    void offer(StreamEvent event) {
        locked(() -> {
            long seq = event.seq();
            if (closed || removed || seq <= lastQueuedSeq) {
                return;
            }
            if (seq == lastQueuedSeq + 1 && !catchUpWanted && hasRoom()) {
                queue(event);
                pump();
            } else {
                requestCatchUp();
            }
        });
    }

    /** Reads the timeline again, e.g. after the doorbell subscription was re-made and doorbells may have been lost. */
    void catchUp() {
        locked(this::requestCatchUp);
    }

    /**
     * Sends a heartbeat comment (which also finds clients that went away), catches up if the timeline holds more than
     * was queued, and ends the stream of a client that took nothing since the last heartbeat while events waited.
     */
    void heartbeat(long conversationLastSeq) {
        locked(() -> {
            if (closed) {
                return;
            }
            if (!pending.isEmpty() && !progressed) {
                log.debug("Ending a stalled stream of {} for {}", conversationId, client);
                end(StreamEnd.STALLED);
                return;
            }
            progressed = pending.isEmpty();
            enqueue(SseEvents.comment("keep-alive"));
            if (conversationLastSeq > lastQueuedSeq) {
                requestCatchUp();
            }
            pump();
        });
    }

    /** Ends the stream from the server's side, e.g. at shutdown; the client resumes elsewhere with Last-Event-ID. */
    void complete() {
        end(StreamEnd.SERVER);
    }

    @Override
    public void onWritePossible() {
        locked(() -> {
            progressed = true;
            pump();
        });
    }

    @Override
    public void onError(Throwable ex) {
        end(StreamEnd.CLIENT_GONE);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        locked(() -> {
            closed = true;
            discardPending();
        });
        release(StreamEnd.CLIENT_GONE);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // The stream reached its lifetime: it ends cleanly and the client resumes with Last-Event-ID.
        end(StreamEnd.TIMEOUT);
    }

    @Override
    public void onError(AsyncEvent event) {
        end(StreamEnd.CLIENT_GONE);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private boolean hasRoom() {
        return pendingBytes < maxPendingBytes;
    }

    private void enqueue(byte[] event) {
        pending.add(event);
        pendingBytes += event.length;
    }

    /**
     * Queues the next entry. The entry that removes the reader is the last one they get: the stream ends once it is
     * written, and nothing after it is read.
     */
    private void queue(StreamEvent event) {
        enqueue(event.bytes());
        lastQueuedSeq = event.seq();
        if (event.removes(reader)) {
            removed = true;
        }
    }

    private void requestCatchUp() {
        catchUpWanted = true;
        if (!closed && !removed && !catchUpRunning && hasRoom()) {
            catchUpRunning = true;
            catchUpWanted = false;
            long from = lastQueuedSeq;
            executor.execute(() -> readAfter(from));
        }
    }

    /** Runs on the executor, outside the lock: Redis may take up to its timeout to answer. */
    private void readAfter(long from) {
        StoredPage page;
        try {
            page = timeline.confirmedPage(conversationId, reader, from, CATCH_UP_BATCH);
        } catch (ConversationNotFoundException ex) {
            // removed from the group, and the doorbell of their removal was missed: the stream ends all the same
            end(StreamEnd.REMOVED);
            return;
        } catch (DataAccessException ex) {
            // Redis is away; the next doorbell, heartbeat or resubscription retries from what was queued.
            log.debug("Catch-up of a stream of {} deferred: {}", conversationId, ex.getMessage());
            locked(() -> {
                catchUpRunning = false;
                catchUpWanted = true;
            });
            return;
        }
        locked(() -> {
            catchUpRunning = false;
            if (closed) {
                return;
            }
            boolean complete = true;
            for (byte[] member : page.members()) {
                if (events.seq(member) <= lastQueuedSeq) {
                    continue;
                }
                if (removed || !hasRoom()) {
                    complete = removed;
                    break;
                }
                queue(events.entry(conversationId, member));
            }
            if (!complete || page.hasMore()) {
                catchUpWanted = true;
            }
            pump();
        });
    }

    /** Writes queued events for as long as the socket takes them without blocking; the container calls back later. */
    private void pump() {
        try {
            while (started && !closed && out.isReady()) {
                byte[] next = pending.poll();
                if (next != null) {
                    pendingBytes -= next.length;
                    out.write(next);
                    flushNeeded = true;
                } else if (flushNeeded) {
                    flushNeeded = false;
                    out.flush();
                } else {
                    break;
                }
            }
        } catch (IOException | IllegalStateException ex) {
            // The client went away: release the stream now rather than when the container notices.
            end(StreamEnd.CLIENT_GONE);
            return;
        }
        if (removed && pending.isEmpty() && !flushNeeded) {
            end(StreamEnd.REMOVED);
            return;
        }
        if (catchUpWanted) {
            requestCatchUp();
        }
    }

    /** Ends the response (an error or a stall included: else the container would dispatch to its error page). */
    private void end(StreamEnd reason) {
        locked(() -> {
            if (!closed) {
                closed = true;
                discardPending();
                try {
                    async.complete();
                } catch (IllegalStateException ex) {
                    // already completed by the container
                }
            }
        });
        release(reason);
    }

    private void discardPending() {
        pending.clear();
        pendingBytes = 0;
    }

    private void release(StreamEnd reason) {
        if (released.compareAndSet(false, true)) {
            onRelease.accept(this, reason);
        }
    }

    private void locked(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
