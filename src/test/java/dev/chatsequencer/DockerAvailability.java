package dev.chatsequencer;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker engine; asked once per test JVM. */
final class DockerAvailability {

    private static volatile Boolean available;

    private DockerAvailability() {
    }

    static boolean isAvailable() {
        if (available == null) {
            available = DockerClientFactory.instance().isDockerAvailable();
            LoggerFactory.getLogger(DockerAvailability.class).info(available
                    ? "Docker is available: integration tests run Redis 7.4 in a container"
                    : "No Docker engine: integration tests run the embedded redis-server");
        }
        return available;
    }

    /** Matches where a Docker engine runs. */
    static final class Present implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isAvailable();
        }
    }

    /** Matches where no Docker engine runs. */
    static final class Absent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !isAvailable();
        }
    }
}
