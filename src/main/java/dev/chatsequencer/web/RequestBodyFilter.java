package dev.chatsequencer.web;

import dev.chatsequencer.ChatProperties;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Reads every request body in full, without blocking a thread, before any handler runs. A body that arrived with the
 * headers (the common case for a small post) is taken as it is; any other arrives through non-blocking servlet reads,
 * and only once it is complete is the request dispatched on to Spring MVC. A client that trickles its body therefore
 * holds a connection but no thread, and no longer than {@code chat.web.body-timeout}.
 *
 * <p>The body is also checked on the way: at most {@code chat.web.max-request-size} bytes (a declared Content-Length
 * over it is refused without reading), and strict UTF-8 (overlong forms and encoded surrogates included), so that
 * what the service acknowledges is exactly what it stores. A refused body reaches the handler as a stream that
 * throws {@link RequestBodyException} at its first read, and {@link ProblemHandler} answers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyFilter extends OncePerRequestFilter {

    /** A request attribute: {@code TRUE} when the whole body is already in the server's buffer, so reading is instant. */
    static final String BODY_ARRIVED = RequestBodyFilter.class.getName() + ".arrived";

    /** A request attribute: a {@link Runnable} that makes the server close the connection instead of draining it. */
    static final String STOP_READING = RequestBodyFilter.class.getName() + ".stopReading";

    private static final String BODY = RequestBodyFilter.class.getName() + ".body";

    private final long limit;
    private final long timeoutMillis;

    RequestBodyFilter(ChatProperties properties) {
        this.limit = properties.web().maxRequestSize().toBytes();
        this.timeoutMillis = properties.web().bodyTimeout().toMillis();
    }

    /** The second pass, once the body is read, is an async dispatch: it must come through here too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof Body body) {
            request.removeAttribute(BODY);
            handle(request, response, chain, body);
        } else if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)) {
            chain.doFilter(request, response);
        } else if (request.getContentLengthLong() > limit) {
            handle(request, response, chain, Body.refused(RequestBodyException.tooLarge(limit)));
        } else if (Boolean.TRUE.equals(request.getAttribute(BODY_ARRIVED))) {
            handle(request, response, chain, Body.of(request.getInputStream().readAllBytes()));
        } else {
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(timeoutMillis);
            BodyReader reader = new BodyReader(async, request.getInputStream(),
                    (int) Math.max(request.getContentLengthLong(), 256));
            async.addListener(reader);
            request.getInputStream().setReadListener(reader);
        }
    }

    /**
     * Runs the request with the body read (or refused). The rest of a refused body is never read: the connection
     * closes after the response instead. That response goes out whole, with a Content-Length, before the server is
     * told: a chunked one would be cut short of its last chunk.
     */
    private static void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Body body)
            throws ServletException, IOException {
        if (body.refusal() == null || !body.refusal().unreadRemains()
                || !(request.getAttribute(STOP_READING) instanceof Runnable stopReading)) {
            chain.doFilter(new ReadRequest(request, body), response);
            return;
        }
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        chain.doFilter(new ReadRequest(request, body), whole);
        whole.copyBodyToResponse();
        response.flushBuffer();
        stopReading.run();
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** A body read in full, or the reason it was refused. */
    private record Body(byte[] bytes, RequestBodyException refusal) {

        /** A body read in full: strict UTF-8, or refused. */
        static Body of(byte[] bytes) {
            return isUtf8(bytes) ? new Body(bytes, null) : refused(RequestBodyException.notUtf8());
        }

        static Body refused(RequestBodyException refusal) {
            return new Body(null, refusal);
        }
    }

    /** Collects the body as the container announces data, then dispatches the request on, exactly once. */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final ByteArrayOutputStream bytes;
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean dispatched = new AtomicBoolean();

        BodyReader(AsyncContext async, ServletInputStream in, int expected) {
            this.async = async;
            this.in = in;
            this.bytes = new ByteArrayOutputStream(expected);
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!dispatched.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                bytes.write(buffer, 0, n);
                if (bytes.size() > limit) {
                    dispatch(Body.refused(RequestBodyException.tooLarge(limit)));
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch(Body.of(bytes.toByteArray()));
        }

        @Override
        public void onError(Throwable ex) {
            // The client went away or broke the framing: there is nobody to answer.
            if (dispatched.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            dispatch(Body.refused(RequestBodyException.tooSlow(timeoutMillis / 1000)));
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

        private void dispatch(Body body) {
            if (dispatched.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, body);
                async.dispatch();
            }
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException ex) {
            return false;
        }
    }

    /** The request as the handler sees it: the body read earlier, or a stream that fails with the refusal. */
    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final Body body;

        ReadRequest(HttpServletRequest request, Body body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BodyStream(new ByteArrayInputStream(body.bytes() == null ? new byte[0] : body.bytes()),
                    body.refusal());
        }

        @Override
        public int getContentLength() {
            return body.bytes() == null ? super.getContentLength() : body.bytes().length;
        }

        @Override
        public long getContentLengthLong() {
            return body.bytes() == null ? super.getContentLengthLong() : body.bytes().length;
        }
    }

    private static final class BodyStream extends ServletInputStream {

        private final ByteArrayInputStream bytes;
        private final RequestBodyException refusal;

        BodyStream(ByteArrayInputStream bytes, RequestBodyException refusal) {
            this.bytes = bytes;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            failIfRefused();
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            failIfRefused();
            return bytes.read(buffer, offset, length);
        }

        private void failIfRefused() throws RequestBodyException {
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public boolean isFinished() {
            return refusal == null && bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("The body was read already");
        }
    }
}
