package dev.chatsequencer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings of the service under {@code chat.*}; defaults live in application.yml. */
@Validated
@ConfigurationProperties("chat")
public record ChatProperties(@Valid @NotNull Messages messages, @Valid @NotNull Idempotency idempotency,
        @Valid @NotNull Web web, @Valid @NotNull Redis redis, @Valid @NotNull Stream stream,
        @Valid @NotNull Security security, @Valid @NotNull RateLimit rateLimit, @Valid @NotNull Cors cors,
        @Valid @NotNull Durability durability, @Valid @NotNull Groups groups, @Valid @NotNull Inbox inbox,
        @Valid @NotNull Timeline timeline) {

    /** Limits on messages: {@code maxBodyLength} counts Unicode code points. */
    public record Messages(@Positive int maxBodyLength) {
    }

    /**
     * How long a post can be retried safely: {@code ttl} for the client's own clientMessageId, {@code serverTokenTtl}
     * for the token the server makes up when the client sent none (it only has to outlive a client reconnect).
     */
    public record Idempotency(@NotNull Duration ttl, @NotNull Duration serverTokenTtl) {
    }

    /**
     * Limits applied to HTTP requests before they reach a controller: a body must arrive in full, at most
     * {@code maxRequestSize}, within {@code bodyTimeout} of the request's headers; one client address may hold at
     * most {@code maxConnectionsPerClient} connections (0: no cap).
     */
    public record Web(@NotNull DataSize maxRequestSize, @NotNull Duration bodyTimeout,
            @PositiveOrZero int maxConnectionsPerClient, @Positive int retryAfterSeconds) {
    }

    /**
     * Live streams: a comment every {@code heartbeatInterval} keeps idle connections open through proxies and finds
     * gone or stalled clients; after {@code timeout} the server ends a stream and the client resumes with
     * Last-Event-ID. At most {@code maxPendingBytes} of events wait for a slow client (the rest is read from the
     * timeline once it catches up); {@code maxPerClient} streams per client address, {@code maxPerUser} per signed-in
     * user (whatever address they come from) and {@code maxPerInstance} in all.
     */
    public record Stream(@NotNull Duration heartbeatInterval, @NotNull Duration timeout,
            @NotNull DataSize maxPendingBytes, @Positive int maxPerClient, @Positive int maxPerUser,
            @Positive int maxPerInstance) {
    }

    /** Prefix of every Redis key the service writes. */
    public record Redis(@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]+") String namespace) {
    }

    /**
     * How callers are identified: {@code mode} jwt, gateway or none ({@code null}: decided at start-up, see
     * SecurityModes); in gateway mode the proxy names the caller in {@code gatewayUserHeader}. {@code publicUrl} is
     * where clients reach the service (e.g. {@code https://chat.example.com}): the only origin the service ever names
     * in an answer (OAuth protected-resource metadata); {@code null} names none, and no request's Host is echoed.
     * {@code issuer}, when set, is the {@code iss} every token must carry, whatever gives the keys (a public key, a
     * JWK set URI or the issuer's own discovery).
     */
    public record Security(Mode mode, @NotBlank String gatewayUserHeader, URI publicUrl, String issuer) {

        /** jwt: OAuth2 bearer tokens; gateway: a trusted proxy's header; none: the request is trusted. */
        public enum Mode { JWT, GATEWAY, NONE }
    }

    /**
     * Token buckets per user, shared by all instances through Redis: posting (and changing a group's membership),
     * opening direct conversations, creating groups, and reading (pages, single entries, conversation state and read
     * markers, inboxes, stream opens).
     */
    public record RateLimit(@Valid @NotNull Bucket posts, @Valid @NotNull Bucket conversations,
            @Valid @NotNull Bucket groups, @Valid @NotNull Bucket reads) {

        /** Up to {@code capacity} at once, then {@code refillPerSecond}; a refill of 0 turns the limit off. */
        public record Bucket(@Positive int capacity, @PositiveOrZero double refillPerSecond) {
        }
    }

    /** Origins whose browser pages may call the API (CORS); none when empty. */
    public record Cors(@NotNull List<String> allowedOrigins) {
    }

    /**
     * When a write is acknowledged: after Redis {@code WAIT} confirms that {@code replicas} replicas hold it, within
     * {@code timeout} (0 replicas: as soon as the master ran it, today's behaviour on one Redis).
     */
    public record Durability(@PositiveOrZero int replicas, @NotNull Duration timeout) {
    }

    /** Groups have 1 to {@code maxParticipants} participants, the owner included. */
    public record Groups(@Positive @Max(10_000) int maxParticipants) {
    }

    /**
     * A user's inbox holds at most {@code maxConversations} conversations; past that, the one with the oldest activity
     * goes, so a flood of new conversations never pushes out one with newer activity. An index entry the conversation
     * does not confirm is hidden at once and dropped once older than {@code repairAfter} (a join is indexed just after
     * its script, and a reader that looked in between must not drop it).
     */
    public record Inbox(@Positive @Max(10_000) int maxConversations, @NotNull Duration repairAfter) {
    }

    /**
     * A page of a timeline holds at most {@code maxPageBytes} of entries (always at least one), whatever its limit in
     * entries: what one read can cost Redis and the network is bounded.
     */
    public record Timeline(@NotNull DataSize maxPageBytes) {
    }
}
