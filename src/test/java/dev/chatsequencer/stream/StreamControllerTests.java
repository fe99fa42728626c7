package dev.chatsequencer.stream;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.chatsequencer.ControllerSlice;
import dev.chatsequencer.access.Caller;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * HTTP mapping of live streams, without Redis or a socket: where a stream resumes, that HEAD and invalid resume
 * points open nothing, and how the stream limits answer. Delivery itself is covered on Tomcat by the {@code *IT}s.
 */
@ControllerSlice(StreamController.class)
class StreamControllerTests {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StreamOpener opener;

    @Test
    void lastEventIdWinsOverAfter() throws Exception {
        mvc.perform(get("/v1/conversations/dm_1/stream?after=3").header("Last-Event-ID", "7"))
                .andExpect(status().isOk());

        verify(opener).open(eq("dm_1"), eq(7L), eq(Caller.UNIDENTIFIED), anyString(), any(), any());
    }

    @Test
    void withoutAResumePointOnlyNewMessagesAreAsked() throws Exception {
        mvc.perform(get("/v1/conversations/dm_1/stream")).andExpect(status().isOk());

        verify(opener).open(eq("dm_1"), isNull(), eq(Caller.UNIDENTIFIED), anyString(), any(), any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0x10", "+5", "05", "abc"})
    void invalidLastEventIdIs400ProblemAndOpensNothing(String lastEventId) throws Exception {
        mvc.perform(get("/v1/conversations/dm_1/stream").header("Last-Event-ID", lastEventId))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"));

        verifyNoInteractions(opener);
    }

    @Test
    void headAnswersTheStreamHeadersAndOpensNothing() throws Exception {
        mvc.perform(head("/v1/conversations/dm_1/stream"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/event-stream"))
                .andExpect(header().string("Cache-Control", "no-store"));

        verifyNoInteractions(opener);
    }

    static Stream<Arguments> limits() {
        return Stream.of(Arguments.of(TooManyStreamsException.perClient(32, 1), 429, "too-many-streams"),
                Arguments.of(TooManyStreamsException.perInstance(2000, 1), 503, "streams-at-capacity"));
    }

    @ParameterizedTest
    @MethodSource("limits")
    void streamOverALimitGetsItsProblemWithRetryAfter(TooManyStreamsException refusal, int status, String type)
            throws Exception {
        doThrow(refusal).when(opener).open(any(), any(), any(), any(), any(), any());

        mvc.perform(get("/v1/conversations/dm_1/stream"))
                .andExpect(status().is(status))
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value(PROBLEMS + type));
    }
}
