package dev.chatsequencer.stream;

import dev.chatsequencer.access.Caller;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.access.ParticipantsOnly;
import dev.chatsequencer.web.openapi.ProblemResponse;
import dev.chatsequencer.web.openapi.StorageUnavailable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.IOException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follows a conversation live over Server-Sent Events, resuming where the client left off. */
@RestController
@Tag(name = "Live stream", description = "Follow a conversation over Server-Sent Events")
class StreamController {

    static final String PATH = "/v1/conversations/{conversationId}/stream";

    private final StreamOpener opener;

    StreamController(StreamOpener opener) {
        this.opener = opener;
    }

    @Operation(summary = "Follow a conversation live", description = "Each message is an event with `id: <seq>`, "
            + "`event: message` and the Message JSON as data. To resume, send the standard `Last-Event-ID` header "
            + "(browsers do on reconnect) or `?after=<seq>`: every stored message after it comes first, then live "
            + "ones, in strictly increasing seq without gaps or repeats. With neither, only new messages arrive. "
            + "Comment lines are heartbeats. A client that stops reading is sent nothing more until it drains what "
            + "is queued, and a client that reads nothing for a heartbeat interval is disconnected; both resume with "
            + "`Last-Event-ID`.")
    @ApiResponse(responseCode = "200", description = "An event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(example = "id: 42\nevent: message\ndata: {\"conversationId\":\"dm_demo\","
                            + "\"seq\":42,\"type\":\"message\",\"senderId\":\"alice\",\"body\":\"Hi\","
                            + "\"clientMessageId\":null,\"sentAt\":\"2026-11-28T13:23:09.176Z\"}\n\n")))
    @ProblemResponse(status = "429", description = "This client or user already holds as many live streams as one "
            + "client or user may", examples = StreamExamples.PerClient.class, retryAfter = true)
    @ProblemResponse(status = "503", description = "This instance holds as many live streams as it may, or Redis is "
            + "unreachable", examples = {StreamExamples.PerInstance.class, StorageUnavailable.class},
            retryAfter = true)
    @ParticipantsOnly
    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable @Identifier @Parameter(example = "dm_demo") String conversationId,
            @Parameter(description = "The last seq the client has; wins over `after`")
            @RequestHeader(name = "Last-Event-ID", required = false) @PositiveOrZero Long lastEventId,
            @Parameter(description = "Resume after this seq") @RequestParam(required = false) @PositiveOrZero
            Long after, @Parameter(hidden = true) Caller caller, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        opener.open(conversationId, lastEventId != null ? lastEventId : after, caller, request.getRemoteAddr(),
                request, response);
    }

    /**
     * HEAD answers the headers a stream would have and opens nothing: the server discards a HEAD body, so a stream
     * opened for one could never find out that its client was gone.
     */
    @Operation(summary = "Headers of a stream, without opening one", description = "Answers the headers a stream "
            + "would have; no stream is opened and nothing is held.")
    @RequestMapping(path = PATH, method = RequestMethod.HEAD)
    ResponseEntity<Void> head(@PathVariable @Identifier String conversationId) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .cacheControl(CacheControl.noStore()).build();
    }
}
