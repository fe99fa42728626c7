package dev.chatsequencer;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Starts further instances of the service on a random port, against a given Redis, as a cluster of them would run. */
public final class TestInstances {

    private TestInstances() {
    }

    /**
     * Properties are passed as command-line arguments, so they win over application.yml as in production. Unless
     * they say otherwise, callers are not identified and rate limits are off, as in {@link RedisIntegrationTest}.
     */
    public static ConfigurableApplicationContext start(String redisHost, int redisPort, String... properties) {
        return startOn(List.of("spring.data.redis.host=" + redisHost, "spring.data.redis.port=" + redisPort),
                properties);
    }

    /** Starts an instance on the Redis that {@code redis} (spring.data.redis.* settings) names, e.g. a Sentinel set. */
    public static ConfigurableApplicationContext startOn(List<String> redis, String... properties) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        redis.forEach(property -> arguments.add("--" + property));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        for (String fallback : List.of("chat.security.mode=none", "chat.rate-limit.posts.refill-per-second=0",
                "chat.rate-limit.conversations.refill-per-second=0", "chat.rate-limit.groups.refill-per-second=0",
                "chat.rate-limit.reads.refill-per-second=0")) {
            String name = fallback.substring(0, fallback.indexOf('=') + 1);
            // A JWT location chooses the mode by itself, as in production.
            String alsoDecides = name.startsWith("chat.security.") ? "spring.security.oauth2.resourceserver.jwt."
                    : name;
            if (List.of(properties).stream().noneMatch(property -> property.startsWith(name)
                    || property.startsWith(alsoDecides))) {
                arguments.add("--" + fallback);
            }
        }
        return new SpringApplicationBuilder(SequencerApplication.class).run(arguments.toArray(String[]::new));
    }

    /** Starts an instance against the Redis the test's own application context uses. */
    public static ConfigurableApplicationContext start(LettuceConnectionFactory redis, String... properties) {
        return start(redis.getHostName(), redis.getPort(), properties);
    }

    public static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    public static String baseUrl(ConfigurableApplicationContext instance) {
        return "http://localhost:" + port(instance);
    }
}
