package dev.chatsequencer.message;

import dev.chatsequencer.web.problem.InvalidRequestException;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Limits on messages: {@code maxBodyLength} counts Unicode code points. */
@Validated
@ConfigurationProperties("chat.messages")
public record MessageProperties(@Positive int maxBodyLength) {

    /**
     * @throws InvalidRequestException when {@code body} has more code points than {@code maxBodyLength}
     */
    void checkLength(String body) {
        if (body.codePointCount(0, body.length()) > maxBodyLength) {
            throw new InvalidRequestException("body", "must be at most " + maxBodyLength + " characters");
        }
    }
}
