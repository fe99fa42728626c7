package dev.chatsequencer.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation spends a token of the caller's {@link RateLimiter.Limit} bucket: documented as its 429 (the read
 * budget, which {@link ReadBudget} charges by route, is documented by {@link ReadBudgetApiDocs}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Budgeted {

    RateLimiter.Limit value();
}
