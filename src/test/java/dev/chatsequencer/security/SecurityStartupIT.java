package dev.chatsequencer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.SequencerApplication;
import dev.chatsequencer.TestInstances;
import dev.chatsequencer.TestSequencerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** A deployment is never open by accident: the real start-up, with and without the development Redis. */
@RedisIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityStartupIT {

    @Autowired
    LettuceConnectionFactory redis;

    @Test
    void onAnyOtherRedisWithoutAModeStartUpFailsAndSaysHowToFixIt() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(SequencerApplication.class);

        assertThatThrownBy(() -> application.run("--server.port=0", "--spring.data.redis.host=" + redis.getHostName(),
                "--spring.data.redis.port=" + redis.getPort()))
                .rootCause().hasMessageContaining("chat.security.mode=none")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    @Test
    void theDevelopmentRunTrustsRequestsAndSaysSoLoudly(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext development = TestSequencerApplication.builder()
                .run("--server.port=0", "--chat.redis.embedded.port=0", "--chat.redis.embedded.data-dir=")) {
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(TestInstances.baseUrl(development) + "/v1/conversations/dev/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"senderId\":\"alice\",\"body\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(posted.statusCode()).isEqualTo(201);
            assertThat(output).contains("WARN").contains("NO AUTHENTICATION")
                    .contains("Chosen because it runs on the embedded development redis-server");
        }
    }
}
