package dev.chatsequencer.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A field is invalid in a way a constraint annotation cannot say (it depends on settings or on other fields). */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(String field, String reason) {
        super(HttpStatus.BAD_REQUEST, ProblemHandler.invalid(List.of(Map.of("field", field, "message", reason))), null);
    }
}
