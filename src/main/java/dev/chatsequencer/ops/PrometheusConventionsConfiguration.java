package dev.chatsequencer.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the Prometheus exposition clean for {@code promtool check metrics}: every series gets HELP text, and the
 * three JVM meters whose names break Prometheus conventions (a unit abbreviation in the name, a {@code _count} gauge)
 * are dropped; {@code process_cpu_usage} and {@code jvm_info} carry the same information.
 */
@Configuration(proxyBeanMethods = false)
class PrometheusConventionsConfiguration {

    private static final Set<String> NONCONFORMING = Set.of("jvm.compilation.time", "process.cpu.time",
            "system.cpu.count");

    private static final Map<String, String> HELP = Map.of(
            "http.server.requests", "HTTP server requests by method, route, status and outcome",
            "tomcat.sessions.active.current", "Active Tomcat sessions",
            "tomcat.sessions.active.max", "Most Tomcat sessions active at once",
            "tomcat.sessions.alive.max", "Longest time a Tomcat session lived",
            "tomcat.sessions.created", "Tomcat sessions created",
            "tomcat.sessions.expired", "Tomcat sessions expired",
            "tomcat.sessions.rejected", "Tomcat sessions rejected");

    @Bean
    MeterFilter dropNonconformingJvmMeters() {
        return MeterFilter.deny(id -> NONCONFORMING.contains(id.getName()));
    }

    @Bean
    MeterFilter helpTextForEveryMeter() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null) {
                    return id;
                }
                String help = HELP.getOrDefault(id.getName(), id.getName().replace('.', ' '));
                return new Meter.Id(id.getName(), Tags.of(id.getTags()),
                        id.getBaseUnit(), help, id.getType());
            }
        };
    }
}
