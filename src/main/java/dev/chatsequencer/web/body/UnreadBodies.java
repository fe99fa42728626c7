package dev.chatsequencer.web.body;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For whoever answers a request before its body was read (a refused caller): the server then closes the connection
 * after the response instead of draining the body on a blocking thread for as long as the client trickles it.
 */
public final class UnreadBodies {

    private UnreadBodies() {
    }

    /**
     * Whether {@link #neverRead} will close the connection: only when the request has a body that was not read (a
     * request without one leaves the connection open for the next request). Say so in the response's headers.
     */
    public static boolean willClose(HttpServletRequest request) {
        return request.getAttribute(RequestBodyFilter.STOP_READING) instanceof Runnable
                && RequestBodyFilter.hasBody(request);
    }

    /** Call after the whole response was written and flushed, when {@link #willClose} said so. */
    public static void neverRead(HttpServletRequest request) {
        if (request.getAttribute(RequestBodyFilter.STOP_READING) instanceof Runnable stopReading) {
            stopReading.run();
        }
    }
}
