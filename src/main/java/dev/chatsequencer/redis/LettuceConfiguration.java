package dev.chatsequencer.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lettuce settings: fail fast during an outage, and cheap per-command latency metrics. */
@Configuration(proxyBeanMethods = false)
class LettuceConfiguration {

    /**
     * While the connection is down, commands are rejected at once (the caller answers 503) rather than buffered:
     * buffered posts would pile up behind an outage and all land late, after their clients gave up on them.
     * Lettuce keeps reconnecting in the background, so service resumes by itself.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Redis command latency as plain timers ({@code lettuce_command_completion_seconds} by command). Lettuce's
     * recorder replaces Spring Boot's per-command observation (excluded in application.yml), which cost about a tenth
     * of a post's CPU time for the same information; percentiles are left to Prometheus.
     */
    @Bean
    ClientResourcesBuilderCustomizer commandLatencyMetrics(MeterRegistry registry) {
        MicrometerOptions options = MicrometerOptions.builder().histogram(false).targetPercentiles(new double[0])
                .build();
        return builder -> builder.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, options));
    }
}
