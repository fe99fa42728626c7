package dev.chatsequencer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port against a real Redis from {@link TestRedisConfiguration}; callers are not
 * identified and rate limits are off unless a test says otherwise (the security and rate-limit tests do).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "chat.security.mode=none", "chat.rate-limit.posts.refill-per-second=0",
    "chat.rate-limit.conversations.refill-per-second=0", "chat.rate-limit.groups.refill-per-second=0",
    "chat.rate-limit.reads.refill-per-second=0"})
@AutoConfigureRestTestClient
@Import(TestRedisConfiguration.class)
public @interface RedisIntegrationTest {
}
