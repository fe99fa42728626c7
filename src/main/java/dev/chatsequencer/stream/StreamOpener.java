package dev.chatsequencer.stream;

import dev.chatsequencer.access.Caller;
import dev.chatsequencer.timeline.TimelineReader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Opens a live stream: admits it, takes the response over asynchronously and registers its subscriber. */
@Component
class StreamOpener {

    private final TimelineReader timeline;
    private final SseEvents events;
    private final AsyncTaskExecutor executor;
    private final StreamAdmission admission;
    private final StreamRegistry registry;
    private final long timeoutMillis;
    private final int maxPendingBytes;

    StreamOpener(TimelineReader timeline, SseEvents events, AsyncTaskExecutor applicationTaskExecutor,
            StreamAdmission admission, StreamRegistry registry, StreamProperties streamProperties) {
        this.timeline = timeline;
        this.events = events;
        this.executor = applicationTaskExecutor;
        this.admission = admission;
        this.registry = registry;
        this.timeoutMillis = streamProperties.timeout().toMillis();
        this.maxPendingBytes = Math.toIntExact(streamProperties.maxPendingBytes().toBytes());
    }

    /**
     * Opens a stream that first sends every stored message after {@code after}, then live ones. The response is
     * taken over asynchronously, so the request thread returns at once and no thread is held while the stream lives.
     *
     * @param after the last seq the client has, or {@code null} for only messages from now on
     * @param client who holds the stream, for the per-client limit
     * @throws dev.chatsequencer.access.ConversationNotFoundException when an identified caller is not a
     *         participant (checked once, here)
     */
    void open(String conversationId, Long after, Caller caller, String client, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        admission.admit(client, caller.reader());
        long start;
        AsyncContext async;
        ServletOutputStream out;
        try {
            long lastSeq = timeline.lastSeq(conversationId, caller.reader());
            start = after != null ? after : lastSeq;
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            // Tells nginx-style proxies not to buffer the stream.
            response.setHeader("X-Accel-Buffering", "no");
            out = response.getOutputStream();
            async = request.startAsync(request, response);
            async.setTimeout(timeoutMillis);
        } catch (RuntimeException | IOException ex) {
            admission.cancel(client, caller.reader());
            throw ex;
        }
        StreamSubscriber subscriber = new StreamSubscriber(conversationId, caller.reader(), client, async, out,
                timeline, events, executor, maxPendingBytes, "stream of " + conversationId + " after " + start, start,
                registry::release);
        // From here on the subscriber gives its place back, whichever way the stream ends.
        async.addListener(subscriber);
        registry.add(subscriber);
        out.setWriteListener(subscriber);
        subscriber.start();
    }
}
