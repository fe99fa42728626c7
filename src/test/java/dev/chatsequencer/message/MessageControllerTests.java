package dev.chatsequencer.message;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.chatsequencer.ControllerSlice;
import dev.chatsequencer.timeline.TimelineReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * HTTP mapping of posting and reading, without Redis: what reaches the store, the status and Location of a post,
 * and that invalid input is refused with a problem before the store is ever asked. The servlet-level body reader
 * needs a real container's non-blocking reads, so it is left out here; the {@code *IT} tests cover it on Tomcat.
 */
@ControllerSlice(MessageController.class)
class MessageControllerTests {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";
    static final byte[] STORED = ("{\"conversationId\":\"dm_1\",\"seq\":7,\"type\":\"message\",\"senderId\":"
            + "\"alice\",\"body\":\"hi\",\"clientMessageId\":\"c-1\",\"sentAt\":\"2026-11-28T13:23:09.176Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MessageStore store;

    @MockitoBean
    TimelineReader timeline;

    @Test
    void postThatIsStoredAnswers201WithItsLocation() throws Exception {
        when(store.append(any(), any(), any(), anyBoolean()))
                .thenReturn(Optional.of(new MessageStore.Posted(7, STORED, true)));

        mvc.perform(post("/v1/conversations/dm_1/messages").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"senderId\":\"alice\",\"body\":\"hi\",\"clientMessageId\":\"c-1\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/v1/conversations/dm_1/messages/7"))
                .andExpect(jsonPath("$.seq").value(7))
                .andExpect(jsonPath("$.sentAt").value("2026-11-28T13:23:09.176Z"));
    }

    @Test
    void retryThatReplaysAnswers200() throws Exception {
        when(store.append(any(), any(), any(), anyBoolean()))
                .thenReturn(Optional.of(new MessageStore.Posted(7, STORED, false)));

        mvc.perform(post("/v1/conversations/dm_1/messages").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"senderId\":\"alice\",\"body\":\"hi\",\"clientMessageId\":\"c-1\"}"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"body\":\"hi\"}", "{\"senderId\":\"alice\",\"body\":\" \"}",
            "{\"senderId\":\"al ice\",\"body\":\"hi\"}", "{\"senderId\":\"alice\",\"body\":42}",
            "{\"senderId\":\"alice\",\"body\":\"x\\ud800\"}", "{\"senderId\":\"a\",\"senderId\":\"b\",\"body\":\"hi\"}",
            "not json"})
    void invalidPostIsRefusedWith400ProblemAndNeverReachesTheStore(String json) throws Exception {
        mvc.perform(post("/v1/conversations/dm_1/messages").contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"));

        verifyNoInteractions(store);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "limit=0x10", "limit=05", "after=-1", "before=0"})
    void pageWithAnInvalidQueryIsRefusedWith400ProblemAndNeverReachesTheStore(String query) throws Exception {
        mvc.perform(get("/v1/conversations/dm_1/messages?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"));

        verifyNoInteractions(timeline);
    }

    @Test
    void pageIsReadWithTheRequestedBounds() throws Exception {
        when(timeline.pageJson("dm_1", 3L, null, 2, null))
                .thenReturn("{\"conversationId\":\"dm_1\",\"lastSeq\":9,\"messages\":[],\"hasMore\":true}"
                        .getBytes(StandardCharsets.UTF_8));

        mvc.perform(get("/v1/conversations/dm_1/messages?after=3&limit=2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lastSeq").value(9))
                .andExpect(jsonPath("$.hasMore").value(true));
    }

    @Test
    void unknownSeqIs404Problem() throws Exception {
        mvc.perform(get("/v1/conversations/dm_1/messages/5"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "not-found"));
    }
}
