package dev.chatsequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks an instance's liveness probe on a fresh connection, as an orchestrator does, and insists on a prompt answer. */
public final class HealthProbe {

    /** What "responsive" means during an attack: the probe answers 200 within this time. */
    public static final Duration BUDGET = Duration.ofSeconds(1);

    private HealthProbe() {
    }

    public static void assertAnswersPromptly(String baseUrl) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(BUDGET).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/liveness"))
                .timeout(BUDGET).build();
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BUDGET);
    }
}
