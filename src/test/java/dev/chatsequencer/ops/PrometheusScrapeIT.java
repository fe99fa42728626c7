package dev.chatsequencer.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.SystemTools;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What Prometheus scrapes passes the real {@code promtool check metrics}, the service's own metrics included, and
 * holds only what is worth its cost per request.
 */
@RedisIntegrationTest
class PrometheusScrapeIT {

    @Autowired
    RestTestClient http;

    @Test
    void theScrapePassesPromtoolsMetricChecks() throws Exception {
        File promtool = SystemTools.find("promtool").orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus): scrape check skipped");
        http.post().uri("/v1/conversations/scrape-check/messages").contentType(MediaType.APPLICATION_JSON)
                .body("{\"senderId\":\"alice\",\"body\":\"hi\"}").exchange().expectStatus().isCreated();
        String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("chat_messages_posted_total", "chat_rate_limited_total",
                "http_server_requests_seconds_bucket");

        Process process = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void requestsAreTimedOnceNotPerSecurityFilter() {
        http.get().uri("/v1/conversations/scrape-filters/messages").exchange().expectStatus().isOk();

        String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape).contains("http_server_requests_seconds_count{")
                .doesNotContain("spring_security_filterchains", "spring_security_authorizations");
    }
}
