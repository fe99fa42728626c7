package dev.chatsequencer.web.problem;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/** A JSON string that is not valid Unicode text (an unpaired surrogate), refused while the body is read. */
public class InvalidTextException extends InvalidFormatException {

    public InvalidTextException(JsonParser parser, String value) {
        super(parser, "Text with an unpaired surrogate is not valid Unicode", value, String.class);
    }
}
