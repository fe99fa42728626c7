package dev.chatsequencer.inbox;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.chatsequencer.ControllerSlice;
import dev.chatsequencer.access.ConversationType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * HTTP mapping of inboxes, without Redis: the cursor and limit reach the inbox as given, the last entry is the
 * timeline's JSON as it is, and invalid input (a forged cursor, {@code me} without a caller) never reaches it.
 */
@ControllerSlice(InboxController.class)
class InboxControllerTests {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";
    static final String LAST_ENTRY = "{\"conversationId\":\"dm_1\",\"seq\":3,\"type\":\"message\",\"senderId\":"
            + "\"bob\",\"body\":\"hi\",\"clientMessageId\":null,\"sentAt\":\"2026-11-28T13:23:09.176Z\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Inbox inbox;

    @Test
    void aPageCarriesEachConversationsLastEntryAsTheTimelineWroteIt() throws Exception {
        InboxCursor cursor = new InboxCursor(1_000, "dm_0");
        when(inbox.page("alice", cursor, 5)).thenReturn(new InboxPage("alice", List.of(new InboxEntry("dm_1",
                ConversationType.DIRECT, null, 3, 1, 2, Instant.parse("2026-11-28T13:23:09.176Z"), LAST_ENTRY)), null));

        mvc.perform(get("/v1/users/alice/conversations?limit=5&cursor=" + cursor.encode()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conversations[0].unreadCount").value(2))
                .andExpect(jsonPath("$.conversations[0].lastEntry.body").value("hi"))
                .andExpect(jsonPath("$.conversations[0].lastEntry.type").value("message"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("\"lastEntry\":" + LAST_ENTRY)));
        verify(inbox).page("alice", cursor, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/users/alice/conversations?cursor=bm8gY29sb24",
        "/v1/users/alice/conversations?limit=0", "/v1/users/alice/conversations?limit=101",
        "/v1/users/me/conversations", "/v1/users/a.b..c/conversations?limit=x"})
    void invalidInputIsA400ProblemAndNeverReachesTheInbox(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"));

        verifyNoInteractions(inbox);
    }

    @Test
    void aConversationWithoutEntriesShowsANullLastEntry() throws Exception {
        when(inbox.page(anyString(), any(), anyInt())).thenReturn(new InboxPage("alice", List.of(new InboxEntry(
                "dm_1", ConversationType.DIRECT, null, 0, 0, 0, null, null)), null));

        mvc.perform(get("/v1/users/alice/conversations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conversations[0].lastEntry").isEmpty());
    }
}
