package dev.chatsequencer;

import dev.chatsequencer.group.GroupProperties;
import dev.chatsequencer.inbox.InboxProperties;
import dev.chatsequencer.message.MessageProperties;
import dev.chatsequencer.ratelimit.RateLimitProperties;
import dev.chatsequencer.redis.DurabilityProperties;
import dev.chatsequencer.security.ChatSecurityProperties;
import dev.chatsequencer.security.CorsProperties;
import dev.chatsequencer.security.SecurityConfiguration;
import dev.chatsequencer.storage.RedisKeyProperties;
import dev.chatsequencer.stream.StreamProperties;
import dev.chatsequencer.timeline.IdempotencyProperties;
import dev.chatsequencer.timeline.TimelineProperties;
import dev.chatsequencer.web.WebProperties;
import dev.chatsequencer.web.input.StrictJsonConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * One controller's HTTP slice, set up as every slice test needs it: the settings with their defaults, strict JSON, the
 * security chain in mode none, and no servlet-level body reader (it needs a real container's non-blocking reads; the
 * {@code *IT} tests cover it on Tomcat). Redis is never reached: the test mocks what the controller calls.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*RequestBodyFilter"))
@EnableConfigurationProperties({MessageProperties.class, IdempotencyProperties.class, WebProperties.class,
        RedisKeyProperties.class, StreamProperties.class, ChatSecurityProperties.class, RateLimitProperties.class,
        CorsProperties.class, DurabilityProperties.class, GroupProperties.class, InboxProperties.class,
        TimelineProperties.class})
@TestPropertySource(properties = "chat.security.mode=none")
@Import({StrictJsonConfiguration.class, SecurityConfiguration.class, OpenBudgets.class})
public @interface ControllerSlice {

    /** The controller under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
