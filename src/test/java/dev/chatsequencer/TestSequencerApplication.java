package dev.chatsequencer;

import dev.chatsequencer.redis.EmbeddedRedisConfiguration;
import java.io.IOException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Development entry point, {@code ./mvnw spring-boot:test-run}: the service on an embedded redis-server, with nothing
 * to install. The tests' own configurations sit on the same classpath and are kept out of the scan.
 */
public final class TestSequencerApplication {

    private TestSequencerApplication() {
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The development run, for tests that start it as a newcomer would. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SequencerApplication.class, EmbeddedRedisConfiguration.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testComponentsExcluded",
                        new TestComponentsExcluded()));
    }

    /** Leaves {@code @TestConfiguration} and other test components to the tests that import them. */
    static final class TestComponentsExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
