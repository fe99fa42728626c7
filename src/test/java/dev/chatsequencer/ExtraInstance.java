package dev.chatsequencer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One more instance of the service for a test class, with settings of its own, against the Redis of the class's
 * Spring test context; started before the class's tests and closed after them. Register it on a
 * {@code PER_CLASS} test: {@code @RegisterExtension final ExtraInstance instance = new ExtraInstance("a=b");}.
 */
public final class ExtraInstance implements BeforeAllCallback, AfterAllCallback {

    private final String[] properties;
    private ConfigurableApplicationContext context;

    public ExtraInstance(String... properties) {
        this.properties = properties;
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        LettuceConnectionFactory redis = SpringExtension.getApplicationContext(extension)
                .getBean(LettuceConnectionFactory.class);
        context = TestInstances.start(redis, properties);
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return TestInstances.port(context);
    }

    public String baseUrl() {
        return TestInstances.baseUrl(context);
    }
}
