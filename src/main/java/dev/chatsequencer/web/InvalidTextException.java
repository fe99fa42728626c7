package dev.chatsequencer.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/** A JSON string that is not valid Unicode text (an unpaired surrogate), refused while the body is read. */
class InvalidTextException extends InvalidFormatException {

    InvalidTextException(JsonParser parser, String value) {
        super(parser, "Text with an unpaired surrogate is not valid Unicode", value, String.class);
    }
}
