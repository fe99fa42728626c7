package dev.chatsequencer.web.problem;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs Redis trouble at most once every five seconds, with how many requests it refused meanwhile: during an outage
 * every request fails the same way, and a line per request would flood the logs just when they are needed.
 */
final class OutageLog {

    private static final Logger log = LoggerFactory.getLogger(OutageLog.class);
    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    void refused(Exception cause) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            long more = unlogged.getAndSet(0);
            log.warn("Redis unavailable: {}{}", cause.getMessage(),
                    more == 0 ? "" : " (and " + more + " more requests answered 503 in the last seconds)");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
