package dev.chatsequencer.web.body;

import dev.chatsequencer.web.WebProperties;
import dev.chatsequencer.web.problem.ProblemHandler;
import dev.chatsequencer.web.problem.RequestBodyException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
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
// After Spring Security's filter chain (order -100): a caller is identified before a body is read, so a refused caller
// never gets to hold a connection with a trickled body, and the asynchronous dispatch after the body keeps the
// caller the chain found (Spring's token filter does not run again on that dispatch).
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10)
class RequestBodyFilter extends OncePerRequestFilter {

    /** A request attribute: {@code TRUE} when the whole body is in the server's buffer, so reading cannot block. */
    static final String BODY_ARRIVED = RequestBodyFilter.class.getName() + ".arrived";

    /** A request attribute: a {@link Runnable} that makes the server close the connection instead of draining it. */
    static final String STOP_READING = RequestBodyFilter.class.getName() + ".stopReading";

    private static final String BODY = RequestBodyFilter.class.getName() + ".body";

    private final long limit;
    private final long timeoutMillis;

    RequestBodyFilter(WebProperties webProperties) {
        this.limit = webProperties.maxRequestSize().toBytes();
        this.timeoutMillis = webProperties.bodyTimeout().toMillis();
    }

    /** The second pass, once the body is read, is an async dispatch: it must come through here too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean asyncDispatch = request.getDispatcherType() == DispatcherType.ASYNC;
        if (asyncDispatch && request.getAttribute(BODY) instanceof ReadBody body) {
            request.removeAttribute(BODY);
            handle(request, response, chain, body);
        } else if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)) {
            chain.doFilter(request, response);
        } else if (request.getContentLengthLong() > limit) {
            handle(request, response, chain, ReadBody.refused(RequestBodyException.tooLarge(limit)));
        } else if (Boolean.TRUE.equals(request.getAttribute(BODY_ARRIVED))) {
            handle(request, response, chain, ReadBody.of(request.getInputStream().readAllBytes()));
        } else {
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(timeoutMillis);
            AsyncBodyReader reader = new AsyncBodyReader(async, request.getInputStream(), limit,
                    timeoutMillis / 1000, (int) Math.max(request.getContentLengthLong(), 256), body -> {
                        request.setAttribute(BODY, body);
                        async.dispatch();
                    });
            async.addListener(reader);
            request.getInputStream().setReadListener(reader);
        }
    }

    /**
     * Runs the request with the body read (or refused). The rest of a refused body is never read: the connection
     * closes after the response instead. That response goes out whole, with a Content-Length, before the server is
     * told: a chunked one would be cut short of its last chunk.
     */
    private static void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            ReadBody body) throws ServletException, IOException {
        if (body.refusal() == null || !body.refusal().unreadRemains()
                || !(request.getAttribute(STOP_READING) instanceof Runnable stopReading)) {
            chain.doFilter(body.in(request), response);
            return;
        }
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        chain.doFilter(body.in(request), whole);
        whole.copyBodyToResponse();
        response.flushBuffer();
        stopReading.run();
    }

    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
