package dev.chatsequencer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.TestIds;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What operators scrape and probe: Prometheus metrics, health groups, the API description. */
@RedisIntegrationTest
class OperationsEndpointsIT {

    static final String PROBLEMS = "https://chat-sequencer.dev/problems/";

    @Autowired
    RestTestClient http;

    @Test
    void prometheusCountsPostsByOutcomeAndRejectionsByReasonWithoutPerConversationTags() {
        String conversation = TestIds.conversation();
        double createdBefore = sample("chat_messages_posted_total", "outcome=\"created\"");
        double replayedBefore = sample("chat_messages_posted_total", "outcome=\"replayed\"");
        double invalidBefore = sample("chat_messages_rejected_total", "reason=\"invalid-request\"");

        post(conversation, "{\"senderId\":\"alice\",\"body\":\"hi\",\"clientMessageId\":\"m-1\"}");
        post(conversation, "{\"senderId\":\"alice\",\"body\":\"hi\",\"clientMessageId\":\"m-1\"}");
        post(conversation, "{\"senderId\":\"alice\",\"body\":\"\"}");
        http.get().uri("/v1/conversations/{id}/messages", conversation).exchange().expectStatus().isOk();

        String scrape = scrape();
        assertThat(sample("chat_messages_posted_total", "outcome=\"created\"")).isEqualTo(createdBefore + 1);
        assertThat(sample("chat_messages_posted_total", "outcome=\"replayed\"")).isEqualTo(replayedBefore + 1);
        assertThat(sample("chat_messages_rejected_total", "reason=\"invalid-request\"")).isEqualTo(invalidBefore + 1);
        assertThat(scrape).contains("chat_sequence_assign_seconds_bucket{", "le=\"0.001\"")
                .contains("chat_timeline_read_seconds_count")
                .contains("chat_timeline_page_size_messages_bucket")
                .contains("http_server_requests_seconds_count")
                .contains("jvm_memory_used_bytes")
                .contains("lettuce_")
                .doesNotContain(conversation);
    }

    @Test
    void everyMetricFamilyHasHelpTextAndFollowsPrometheusNaming() {
        String scrape = scrape();
        Matcher types = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(scrape);
        int families = 0;
        while (types.find()) {
            families++;
            assertThat(scrape).contains("# HELP " + types.group(1) + " ");
        }
        assertThat(families).isGreaterThan(20);
        assertThat(scrape).doesNotContain("jvm_compilation_time_ms", "process_cpu_time_ns", "system_cpu_count");
    }

    @Test
    void httpRequestLatencyHasHistogramBucketsPerRoute() {
        post(TestIds.conversation(), "{\"senderId\":\"alice\",\"body\":\"hi\"}");

        assertThat(scrape()).containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*method=\"POST\""
                + "[^}]*uri=\"/v1/conversations/\\{conversationId}/messages\",le=\"0\\.025\"} \\S+$");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.build.artifact").isEqualTo("chat-sequencer")
                .jsonPath("$.build.version").exists()
                .jsonPath("$.git.commit.id").exists();
        for (String hidden : new String[] {"env", "beans", "configprops", "heapdump", "loggers", "metrics"}) {
            http.get().uri("/actuator/" + hidden).exchange().expectStatus().isNotFound();
        }
    }

    /** What each operation can answer, from reading the code paths; the document must say exactly this. */
    static final Map<String, Set<String>> STATUSES = Map.ofEntries(
            Map.entry("post /v1/conversations/{conversationId}/messages",
                    Set.of("200", "201", "400", "401", "403", "404", "406", "408", "410", "413", "415", "422", "429",
                            "503")),
            Map.entry("get /v1/conversations/{conversationId}/messages",
                    Set.of("200", "400", "401", "404", "406", "429", "503")),
            Map.entry("get /v1/conversations/{conversationId}/messages/{seq}",
                    Set.of("200", "400", "401", "404", "406", "429", "503")),
            Map.entry("patch /v1/conversations/{conversationId}/messages/{seq}", Set.of("200", "201", "400", "401",
                    "403", "404", "406", "408", "409", "413", "415", "429", "503")),
            Map.entry("delete /v1/conversations/{conversationId}/messages/{seq}", Set.of("200", "201", "400", "401",
                    "403", "404", "406", "409", "429", "503")),
            Map.entry("post /v1/conversations/{conversationId}/clear", Set.of("200", "400", "401", "403", "404",
                    "406", "408", "413", "415", "429", "503")),
            Map.entry("post /v1/conversations/direct",
                    Set.of("200", "201", "400", "401", "403", "406", "408", "413", "415", "429", "503")),
            Map.entry("post /v1/conversations", Set.of("200", "201", "400", "401", "403", "406", "408", "410", "413",
                    "415", "422", "429", "503")),
            Map.entry("post /v1/conversations/{conversationId}/participants",
                    Set.of("200", "201", "400", "401", "403", "404", "406", "408", "409", "413", "415", "429", "503")),
            Map.entry("delete /v1/conversations/{conversationId}/participants/{userId}",
                    Set.of("200", "400", "401", "403", "404", "406", "409", "429", "503")),
            Map.entry("get /v1/users/{userId}/conversations",
                    Set.of("200", "400", "401", "403", "406", "429", "503")),
            Map.entry("get /v1/conversations/{conversationId}",
                    Set.of("200", "400", "401", "404", "406", "429", "503")),
            Map.entry("put /v1/conversations/{conversationId}/read-markers/{userId}",
                    Set.of("200", "400", "401", "403", "404", "406", "408", "413", "415", "429", "503")),
            Map.entry("get /v1/conversations/{conversationId}/read-markers/{userId}",
                    Set.of("200", "400", "401", "404", "406", "429", "503")),
            Map.entry("get /v1/conversations/{conversationId}/stream",
                    Set.of("200", "400", "401", "404", "406", "429", "503")),
            Map.entry("head /v1/conversations/{conversationId}/stream", Set.of("200", "400", "401", "429")));

    @Test
    void openApiDocumentsExactlyTheStatusesOfEachOperationEachProblemWithItsOwnExample() {
        JsonNode document = JsonMapper.shared().readTree(http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        Map<String, Set<String>> documented = new TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                documented.put(operation.getKey() + " " + path.getKey(),
                        new TreeSet<>(operation.getValue().get("responses").propertyNames()))));
        assertThat(documented).isEqualTo(new TreeMap<>(STATUSES));

        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().get("responses").properties().forEach(response -> {
                    int status = Integer.parseInt(response.getKey());
                    if (status < 400) {
                        return;
                    }
                    String where = operation.getKey() + " " + path.getKey() + " " + status;
                    JsonNode examples = response.getValue().path("content").path("application/problem+json")
                            .path("examples");
                    assertThat(examples.size()).as(where).isPositive();
                    examples.properties().forEach(example -> {
                        JsonNode problem = example.getValue().get("value");
                        assertThat(problem.get("status").asInt()).as(where).isEqualTo(status);
                        assertThat(problem.get("type").asString()).as(where)
                                .isEqualTo(PROBLEMS + example.getKey());
                        assertThat(problem.get("detail").asString()).as(where).isNotBlank();
                    });
                })));
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    private void post(String conversation, String json) {
        http.post().uri("/v1/conversations/{id}/messages", conversation).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange();
    }

    private String scrape() {
        return http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private double sample(String name, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*} (\\S+)$")
                .matcher(scrape());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
