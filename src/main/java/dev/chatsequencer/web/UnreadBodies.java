package dev.chatsequencer.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For whoever answers a request before its body was read (a refused caller): the server then closes the connection
 * after the response instead of draining the body on a blocking thread for as long as the client trickles it.
 */
public final class UnreadBodies {

    private UnreadBodies() {
    }

    /** Call after the whole response was written and flushed; a request without a body is left as it is. */
    public static void neverRead(HttpServletRequest request) {
        if (request.getAttribute(RequestBodyFilter.STOP_READING) instanceof Runnable stopReading) {
            stopReading.run();
        }
    }
}
