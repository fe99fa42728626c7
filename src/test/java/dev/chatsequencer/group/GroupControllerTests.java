package dev.chatsequencer.group;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.chatsequencer.ControllerSlice;
import dev.chatsequencer.access.ConversationType;
import dev.chatsequencer.access.HistoryVisibility;
import dev.chatsequencer.ratelimit.RateLimiter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * HTTP mapping of groups, without Redis: the creator joins the participants sorted and once, 201 then 200, each
 * refusal the store reports becomes its problem, and invalid input never reaches the store.
 */
@ControllerSlice(GroupController.class)
class GroupControllerTests {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";
    static final String GROUP = "gr_9f86d081884c7d659a2feaa0c55ad015";
    static final GroupView CLIMBING = new GroupView(GROUP, ConversationType.GROUP, "Climbing", "alice",
            HistoryVisibility.SHARED,
            List.of("alice", "bob", "carol"));

    @Autowired
    MockMvc mvc;

    @Autowired
    RateLimiter rateLimiter;

    @MockitoBean
    GroupStore store;

    @BeforeEach
    void groupsHoldAThousand() {
        given(store.maxParticipants()).willReturn(1000);
    }

    @Test
    void theCreatorJoinsTheParticipantsSortedAndACreatedGroupAnswers201WithItsLocation() throws Exception {
        when(store.create(eq("alice"), eq(List.of("alice", "bob", "carol")), eq("Climbing"),
                eq(HistoryVisibility.SHARED),
                eq("c-1"))).thenReturn(new GroupStore.Created(CLIMBING, true));

        mvc.perform(post("/v1/conversations").contentType(MediaType.APPLICATION_JSON).content("{\"senderId\":"
                        + "\"alice\",\"participants\":[\"carol\",\"bob\"],\"title\":\"Climbing\","
                        + "\"clientRequestId\":\"c-1\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/v1/conversations/" + GROUP))
                .andExpect(jsonPath("$.participants[0]").value("alice"))
                .andExpect(jsonPath("$.historyVisibility").value("shared"));
    }

    @Test
    void aRetryThatFindsTheGroupAnswers200() throws Exception {
        when(store.create(any(), any(), any(), any(), any())).thenReturn(new GroupStore.Created(CLIMBING, false));

        mvc.perform(post("/v1/conversations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"senderId\":\"alice\",\"participants\":[\"bob\"],\"clientRequestId\":\"c-1\"}"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"participants\":[\"bob\"]}", "{\"senderId\":\"alice\",\"participants\":[]}",
            "{\"senderId\":\"alice\",\"participants\":[\"bob\",\"bob\"]}",
            "{\"senderId\":\"alice\",\"participants\":[\"b ob\"]}",
            "{\"senderId\":\"alice\",\"participants\":[\"bob\"],\"historyVisibility\":\"everyone\"}",
            "{\"senderId\":\"alice\",\"participants\":[\"bob\"],\"title\":\"  \"}",
            "{\"senderId\":\"alice\",\"participants\":[\"bob\"],\"title\":\"a\\u202eb\"}"})
    void anInvalidCreationIsRefusedWith400AndNeverReachesTheStore(String json) throws Exception {
        mvc.perform(post("/v1/conversations").contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"));

        verify(store, never()).create(any(), any(), any(), any(), any());
    }

    @Test
    void anAddedParticipantAnswers201AndOneInAlready200() throws Exception {
        when(store.change(GROUP, true, "alice", "dave"))
                .thenReturn(Optional.of(new Membership(GROUP, "dave", true, 4, true)))
                .thenReturn(Optional.of(new Membership(GROUP, "dave", true, 4, false)));

        for (int expected : new int[] {201, 200}) {
            mvc.perform(post("/v1/conversations/" + GROUP + "/participants").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"senderId\":\"alice\",\"userId\":\"dave\"}"))
                    .andExpect(status().is(expected))
                    .andExpect(jsonPath("$.seq").value(4));
        }
    }

    @Test
    void anActorWhoIsNotAParticipantIsTold403WithoutIdentification() throws Exception {
        when(store.change(anyString(), anyBoolean(), anyString(), anyString())).thenReturn(Optional.empty());

        mvc.perform(delete("/v1/conversations/" + GROUP + "/participants/bob?senderId=mallory"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "forbidden"));
    }

    @Test
    void aRefusalTheStoreRaisesIsItsOwnProblem() throws Exception {
        when(store.change(GROUP, false, "bob", "carol")).thenThrow(new NotTheOwnerException(GROUP, "bob"));

        mvc.perform(delete("/v1/conversations/" + GROUP + "/participants/carol?senderId=bob"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "not-the-owner"));
    }

    @Test
    void aRemovalWithoutAnActorIsRefusedAndNeverReachesTheStore() throws Exception {
        mvc.perform(delete("/v1/conversations/" + GROUP + "/participants/carol"))
                .andExpect(status().isBadRequest());

        verifyNoInteractions(rateLimiter, store);
    }
}
