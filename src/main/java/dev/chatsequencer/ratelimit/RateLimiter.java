package dev.chatsequencer.ratelimit;

import dev.chatsequencer.storage.ConversationKeys;
import dev.chatsequencer.storage.LuaScripts;
import dev.chatsequencer.storage.TokenOutcome;
import dev.chatsequencer.web.openapi.ProblemDocs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Token buckets per user in Redis, so every instance counts against the same bucket: posting, opening and creating
 * conversations, and reading. A request over its limit is refused before it touches anything else, so it consumes no
 * seq and writes nothing (not even its own bucket). Once Redis said a bucket is empty until a given moment, this
 * instance refuses it on its own until then: no token can appear sooner, and a client hammering at its limit then
 * costs a map lookup, not a Redis call per request.
 */
@Component
public class RateLimiter {

    private static final int MAX_REMEMBERED = 100_000;

    private final LuaScripts scripts;
    private final ConversationKeys keys;
    private final Map<Limit, RateLimitProperties.Bucket> buckets;
    private final Map<Limit, Counter> refused;
    private final Clock clock;
    /** Buckets Redis found empty, and until when (epoch milliseconds); only a shortcut, so cleared when large. */
    private final Map<String, Long> emptyUntil = new ConcurrentHashMap<>();

    RateLimiter(LuaScripts scripts, ConversationKeys keys, RateLimitProperties rateLimitProperties,
            MeterRegistry registry, Clock clock) {
        this.scripts = scripts;
        this.keys = keys;
        this.clock = clock;
        RateLimitProperties limits = rateLimitProperties;
        this.buckets = new EnumMap<>(Map.of(Limit.POSTS, limits.posts(), Limit.CONVERSATIONS, limits.conversations(),
                Limit.GROUPS, limits.groups(), Limit.READS, limits.reads()));
        this.refused = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            refused.put(limit, refusedCounter(registry, limit));
        }
    }

    /**
     * Takes a token for {@code subject} (a user id, or a client address where nobody is identified).
     *
     * @return the headers that tell the client where it stands (none when the limit is off)
     * @throws RateLimitedException when the bucket is empty
     */
    public HttpHeaders take(Limit limit, String subject) {
        RateLimitProperties.Bucket bucket = buckets.get(limit);
        HttpHeaders headers = new HttpHeaders();
        if (bucket.refillPerSecond() <= 0) {
            return headers;
        }
        String key = keys.rateLimit(limit.id(), subject.replace('{', '_').replace('}', '_'));
        long now = clock.millis();
        TokenOutcome outcome = knownEmpty(key, now, bucket);
        if (outcome == null) {
            outcome = scripts.takeToken(key, bucket.capacity(), bucket.refillPerSecond());
        }
        long windowSeconds = (long) Math.ceil(bucket.capacity() / bucket.refillPerSecond());
        // draft-ietf-httpapi-ratelimit-headers: the policy (quota q per window w) and where this client stands in it
        headers.set("RateLimit-Policy", "\"" + limit.id() + "\";q=" + bucket.capacity() + ";w=" + windowSeconds);
        headers.set("RateLimit", "\"" + limit.id() + "\";r=" + outcome.remaining() + ";t="
                + seconds(outcome.fullMillis()));
        if (!outcome.taken()) {
            remember(key, now + outcome.waitMillis());
            refused.get(limit).increment();
            long retryAfter = Math.max(1, seconds(outcome.waitMillis()));
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            throw new RateLimitedException(limit, bucket, retryAfter, headers);
        }
        return headers;
    }

    /**
     * Whose bucket a request spends: the signed-in user ({@code userId}), or without identification (mode none) the
     * client's address.
     */
    public static String subject(String userId, String clientAddress) {
        return userId != null ? userId : "addr:" + clientAddress;
    }

    /** The refusal Redis would answer, while the bucket is known to be empty; {@code null} once it may not be. */
    private TokenOutcome knownEmpty(String key, long now, RateLimitProperties.Bucket bucket) {
        Long until = emptyUntil.get(key);
        if (until == null) {
            return null;
        }
        if (now >= until) {
            emptyUntil.remove(key, until);
            return null;
        }
        long waitMillis = until - now;
        long refillMillis = (long) Math.ceil((bucket.capacity() - 1) * 1000 / bucket.refillPerSecond());
        return new TokenOutcome(false, 0, waitMillis, waitMillis + refillMillis);
    }

    private void remember(String key, long until) {
        if (emptyUntil.size() >= MAX_REMEMBERED) {
            emptyUntil.clear();
        }
        emptyUntil.put(key, until);
    }

    /** The 429 a limit answers with, for the API description: at the configured bucket, with its headers. */
    public ApiResponse refusalResponse(Limit limit) {
        RateLimitProperties.Bucket bucket = buckets.get(limit);
        ApiResponse response = ProblemDocs.withRetryAfter(ProblemDocs.response("Over the caller's rate limit for "
                + limit.id() + "; nothing is stored and no seq is used", new RateLimitedException(limit, bucket, 1,
                        new HttpHeaders()).getBody()));
        return response.addHeaderObject("RateLimit-Policy", new Header().description("The limit: quota q per window "
                + "w seconds (draft-ietf-httpapi-ratelimit-headers)").schema(new StringSchema()))
                .addHeaderObject("RateLimit", new Header().description("Where the caller stands: r requests left, "
                        + "t seconds until the bucket is full").schema(new StringSchema()));
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    private static Counter refusedCounter(MeterRegistry registry, Limit limit) {
        return Counter.builder("chat.rate.limited").description("Requests refused by a per-user rate limit")
                .tag("limit", limit.id()).register(registry);
    }

    /** What a bucket limits. */
    public enum Limit {
        POSTS("posts"), CONVERSATIONS("conversations"), GROUPS("groups"), READS("reads");

        private final String id;

        Limit(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }
    }
}
