package dev.chatsequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.JsonApi.Response;

/** The group calls tests make over real HTTP, each as one user (gateway mode) or naming them (mode none). */
public final class GroupCalls {

    private final JsonApi api;

    public GroupCalls(JsonApi api) {
        this.api = api;
    }

    /** Creates a group of {@code owner} and {@code others} (201 expected) and returns its id. */
    public String create(String owner, String... others) {
        StringBuilder participants = new StringBuilder();
        for (String other : others) {
            participants.append(participants.isEmpty() ? "" : ",").append('"').append(other).append('"');
        }
        Response created = api.send("POST", "/v1/conversations", "{\"participants\":[" + participants + "]}", owner);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        return created.json().get("conversationId").asString();
    }

    /** {@code actor} adds {@code userId} to {@code group}. */
    public Response add(String group, String userId, String actor) {
        return api.send("POST", "/v1/conversations/" + group + "/participants", "{\"userId\":\"" + userId + "\"}",
                actor);
    }

    /** {@code actor} removes {@code userId} from {@code group}. */
    public Response remove(String group, String userId, String actor) {
        return api.send("DELETE", "/v1/conversations/" + group + "/participants/" + userId, null, actor);
    }
}
