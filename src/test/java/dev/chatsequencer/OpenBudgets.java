package dev.chatsequencer;

import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.mock;

import dev.chatsequencer.ratelimit.RateLimiter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockReset;

/**
 * A rate limiter for slices in which every budget has room: each {@code take} answers empty headers. A mock, reset
 * after each test, so a test may still verify what was spent.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OpenBudgets {

    @Bean
    RateLimiter rateLimiter() {
        return mock(RateLimiter.class, MockReset.withSettings(MockReset.AFTER).defaultAnswer(call ->
                call.getMethod().getReturnType() == HttpHeaders.class ? new HttpHeaders()
                        : RETURNS_DEFAULTS.answer(call)));
    }
}
