package dev.chatsequencer.web;

import java.util.Map;

/** The stable last segment of each problem {@code type} URI, one per HTTP status the service answers with. */
final class ProblemTypes {

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "invalid-request"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "idempotency-conflict"),
            Map.entry(500, "internal-error"),
            Map.entry(503, "storage-unavailable"));

    private ProblemTypes() {
    }

    static String slug(int status) {
        return SLUGS.getOrDefault(status, "http-" + status);
    }
}
