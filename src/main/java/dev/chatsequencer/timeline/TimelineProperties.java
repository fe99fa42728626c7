package dev.chatsequencer.timeline;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * A page of a timeline holds at most {@code maxPageBytes} of entries (always at least one), whatever its limit in
 * entries: what one read can cost Redis and the network is bounded.
 */
@Validated
@ConfigurationProperties("chat.timeline")
public record TimelineProperties(@NotNull DataSize maxPageBytes) {
}
