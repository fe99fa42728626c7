package dev.chatsequencer.conversation;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.chatsequencer.ControllerSlice;
import dev.chatsequencer.access.HistoryVisibility;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * HTTP mapping of direct conversations and read markers, without Redis: the id derived from the pair whatever its
 * order, 201 then 200, the problems for invalid input (which never reaches the store) and for a non-participant.
 */
@ControllerSlice(ConversationController.class)
@Import(DirectConversationIds.class)
class ConversationControllerTests {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";
    static final String ALICE_AND_BOB = "dm_95b6c4721fa54608b418c4b7cf86a32b";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConversationStore store;

    @Test
    void directConversationIsTheSameForThePairInEitherOrderAndCreatedOnlyOnce() throws Exception {
        when(store.recordParticipants(ALICE_AND_BOB, List.of("alice", "bob"))).thenReturn(true, false);

        mvc.perform(post("/v1/conversations/direct").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"participants\":[\"bob\",\"alice\"]}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/v1/conversations/" + ALICE_AND_BOB))
                .andExpect(jsonPath("$.conversationId").value(ALICE_AND_BOB))
                .andExpect(jsonPath("$.participants[0]").value("alice"));
        mvc.perform(post("/v1/conversations/direct").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"participants\":[\"alice\",\"bob\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.conversationId").value(ALICE_AND_BOB));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"participants\":[\"alice\",\"alice\"]}", "{\"participants\":[\"alice\"]}",
            "{\"participants\":[\"alice\",\"bob\",\"carol\"]}", "{\"participants\":[\"alice\",\"b{x}\"]}",
            "{\"participants\":[\"alice\",null]}", "{}"})
    void invalidParticipantsAre400ProblemNamingTheFieldAndNeverReachTheStore(String json) throws Exception {
        mvc.perform(post("/v1/conversations/direct").contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value(startsWith("participants")));

        verifyNoInteractions(store);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"seq\":-1}", "{\"seq\":1.5}", "{\"seq\":\"7\"}", "{}"})
    void invalidMarkerIs400ProblemAndNeverReachesTheStore(String json) throws Exception {
        mvc.perform(put("/v1/conversations/dm_1/read-markers/alice").contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("seq"));

        verifyNoInteractions(store);
    }

    @Test
    void markerOfANonParticipantIs403Problem() throws Exception {
        when(store.markRead(anyString(), anyString(), anyLong(), anyBoolean())).thenReturn(Optional.empty());

        mvc.perform(put("/v1/conversations/" + ALICE_AND_BOB + "/read-markers/carol")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"seq\":1}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "forbidden"));
    }

    @Test
    void markerIsSetForTheUserInThePath() throws Exception {
        when(store.markRead("dm_1", "bob", 5, false)).thenReturn(Optional.of(new ReadMarker("bob", 5, 4)));

        mvc.perform(put("/v1/conversations/dm_1/read-markers/bob").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seq\":5}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.readSeq").value(5))
                .andExpect(jsonPath("$.unreadCount").value(4));
        verify(store).markRead("dm_1", "bob", 5, false);
    }

    @Test
    void aGroupShowsItsTitleAndOwnerAndADirectConversationNeither() throws Exception {
        when(store.state(eq("gr_1"), any())).thenReturn(new ConversationStore.State(9, "group", "Climbing", "alice",
                HistoryVisibility.JOINED,
                List.of(new ReadMarker("alice", 9, 0), new ReadMarker("bob", 4, 5))));
        when(store.state(eq("dm_1"), any())).thenReturn(new ConversationStore.State(9, null, null, null, null,
                List.of(new ReadMarker("alice", 9, 0), new ReadMarker("bob", 4, 5))));

        mvc.perform(get("/v1/conversations/gr_1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("group"))
                .andExpect(jsonPath("$.title").value("Climbing"))
                .andExpect(jsonPath("$.ownerId").value("alice"))
                .andExpect(jsonPath("$.historyVisibility").value("joined"))
                .andExpect(jsonPath("$.participants[1].unreadCount").value(5));
        mvc.perform(get("/v1/conversations/dm_1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("direct"))
                .andExpect(jsonPath("$.title").doesNotExist())
                .andExpect(jsonPath("$.ownerId").doesNotExist())
                .andExpect(jsonPath("$.historyVisibility").doesNotExist());
    }

    @Test
    void invalidConversationIdIs400Problem() throws Exception {
        mvc.perform(get("/v1/conversations/{id}", "bad{id}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("conversationId"));

        verifyNoInteractions(store);
    }
}
