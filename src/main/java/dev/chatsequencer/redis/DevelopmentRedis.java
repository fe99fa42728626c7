package dev.chatsequencer.redis;

/**
 * Marks a Redis that exists only for development on one machine (the embedded one of {@code spring-boot:test-run}):
 * where it is, the service may default to no authentication, and says so loudly.
 */
public interface DevelopmentRedis {

    /** Where it listens, for the start-up warning. */
    String describe();
}
