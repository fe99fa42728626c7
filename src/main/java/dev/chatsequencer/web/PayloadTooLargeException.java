package dev.chatsequencer.web;

import java.io.IOException;

/** A request body passed {@code chat.web.max-request-size}; thrown from the body stream so nothing more is read. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
    }
}
