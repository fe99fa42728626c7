package dev.chatsequencer.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a timeline, always in ascending seq; {@code hasMore} says the requested range holds more messages
 * beyond this page, {@code lastSeq} is the conversation's counter at the time of the read.
 */
@Schema(description = "A page of a timeline, in ascending seq")
public record TimelinePage(
        @Schema(example = "dm_3f2a9c") String conversationId,
        @Schema(description = "The conversation's last assigned seq, 0 if it has none", example = "42") long lastSeq,
        List<TimelineEntry> messages,
        @Schema(description = "The requested range holds more messages beyond this page") boolean hasMore,
        @Schema(description = "Ranges inside the span this page covers that this reader cannot see, and why; absent "
                + "when none") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TimelineGap> missing) {
}
