package dev.chatsequencer.web.body;

import dev.chatsequencer.web.problem.RequestBodyException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects a request body through non-blocking reads as the container announces data, and hands it on exactly once:
 * in full, refused as too large the moment it passes the limit, or refused as too slow when the async timeout fires.
 */
final class AsyncBodyReader implements ReadListener, AsyncListener {

    private final AsyncContext async;
    private final ServletInputStream in;
    private final long limit;
    private final long timeoutSeconds;
    private final Consumer<ReadBody> onRead;
    private final ByteArrayOutputStream bytes;
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean done = new AtomicBoolean();

    /**
     * @param expected the declared length, to size the buffer
     * @param onRead called once with the body or its refusal; not called when the client is gone
     */
    AsyncBodyReader(AsyncContext async, ServletInputStream in, long limit, long timeoutSeconds, int expected,
            Consumer<ReadBody> onRead) {
        this.async = async;
        this.in = in;
        this.limit = limit;
        this.timeoutSeconds = timeoutSeconds;
        this.onRead = onRead;
        this.bytes = new ByteArrayOutputStream(expected);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!done.get() && in.isReady()) {
            int n = in.read(buffer);
            if (n < 0) {
                return;
            }
            bytes.write(buffer, 0, n);
            if (bytes.size() > limit) {
                finish(ReadBody.refused(RequestBodyException.tooLarge(limit)));
            }
        }
    }

    @Override
    public void onAllDataRead() {
        finish(ReadBody.of(bytes.toByteArray()));
    }

    @Override
    public void onError(Throwable ex) {
        // The client went away or broke the framing: there is nobody to answer.
        if (done.compareAndSet(false, true)) {
            async.complete();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish(ReadBody.refused(RequestBodyException.tooSlow(timeoutSeconds)));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // nothing held
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    private void finish(ReadBody body) {
        if (done.compareAndSet(false, true)) {
            onRead.accept(body);
        }
    }
}
