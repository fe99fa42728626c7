package dev.chatsequencer.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.timeline.TimelineEntry;
import dev.chatsequencer.timeline.TimelinePage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Speaks the timeline API over real HTTP, the way a chat client does. */
final class TimelineClient {

    private final RestTestClient http;

    TimelineClient(RestTestClient http) {
        this.http = http;
    }

    EntityExchangeResult<TimelineEntry> post(String conversationId, String senderId, String body, String clientMessageId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("senderId", senderId);
        json.put("body", body);
        if (clientMessageId != null) {
            json.put("clientMessageId", clientMessageId);
        }
        return http.post().uri("/v1/conversations/{id}/messages", conversationId)
                .contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange().returnResult(TimelineEntry.class);
    }

    /** Posts and insists on 201 Created. */
    TimelineEntry postCreated(String conversationId, String senderId, String body) {
        EntityExchangeResult<TimelineEntry> result = post(conversationId, senderId, body, null);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.CREATED);
        return result.getResponseBody();
    }

    TimelinePage page(String conversationId, String query) {
        return http.get().uri("/v1/conversations/" + conversationId + "/messages?" + query)
                .exchange().expectStatus().isOk()
                .expectBody(TimelinePage.class).returnResult().getResponseBody();
    }
}
