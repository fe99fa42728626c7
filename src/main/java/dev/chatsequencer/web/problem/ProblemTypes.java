package dev.chatsequencer.web.problem;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The stable problem {@code type} URIs: one per HTTP status for framework errors, and {@link #problem} for domain
 * exceptions, which name their own kind of failure.
 */
public final class ProblemTypes {

    static final String BASE = "https://chat-sequencer.dev/problems/";

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "invalid-request"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(408, "request-timeout"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable-content"),
            Map.entry(429, "too-many-requests"),
            Map.entry(500, "internal-error"),
            Map.entry(503, "storage-unavailable"));

    private ProblemTypes() {
    }

    /** The type URI of a failure named {@code slug}, e.g. {@code too-many-streams}. */
    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

    /** A problem of the kind {@code slug}: how a domain exception names what went wrong, whatever its status. */
    public static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(of(slug));
        return problem;
    }

    /**
     * Gives a problem built anywhere (a handler, Spring, an example for the API description) the stable type of
     * {@code status} when it has none ({@code about:blank}), and the status's reason phrase as title when it has none.
     */
    public static ProblemDetail complete(ProblemDetail problem, int status) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(of(slug(status)));
        }
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(status);
            problem.setTitle(known == null ? "HTTP " + status : known.getReasonPhrase());
        }
        return problem;
    }

    public static String slug(int status) {
        return SLUGS.getOrDefault(status, "http-" + status);
    }
}
