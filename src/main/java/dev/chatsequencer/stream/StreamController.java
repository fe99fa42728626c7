package dev.chatsequencer.stream;

import dev.chatsequencer.web.Identifier;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Follows a conversation live over Server-Sent Events, resuming where the client left off. */
@RestController
@Tag(name = "Live stream", description = "Follow a conversation over Server-Sent Events")
class StreamController {

    private final StreamHub hub;

    StreamController(StreamHub hub) {
        this.hub = hub;
    }

    @Operation(summary = "Follow a conversation live", description = "Each message is an event with `id: <seq>`, "
            + "`event: message` and the Message JSON as data. To resume, send the standard `Last-Event-ID` header "
            + "(browsers do on reconnect) or `?after=<seq>`: every stored message after it comes first, then live "
            + "ones, in strictly increasing seq without gaps or repeats. With neither, only new messages arrive. "
            + "Comment lines are heartbeats.")
    @ApiResponse(responseCode = "200", description = "An event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(example = "id: 42\nevent: message\ndata: {\"conversationId\":\"dm_demo\","
                            + "\"seq\":42,\"senderId\":\"alice\",\"body\":\"Hi\",\"clientMessageId\":null,"
                            + "\"sentAt\":\"2026-11-28T13:23:09.176Z\"}\n\n")))
    @GetMapping(path = "/v1/conversations/{conversationId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable @Identifier @Parameter(example = "dm_demo") String conversationId,
            @Parameter(description = "The last seq the client has; wins over `after`")
            @RequestHeader(name = "Last-Event-ID", required = false) @PositiveOrZero Long lastEventId,
            @Parameter(description = "Resume after this seq") @RequestParam(required = false) @PositiveOrZero
            Long after) {
        return hub.open(conversationId, lastEventId != null ? lastEventId : after);
    }
}
