package dev.chatsequencer.access;

import dev.chatsequencer.web.problem.InvalidRequestException;
import org.springframework.web.ErrorResponseException;

/**
 * Who is calling: the user the token or the authenticating proxy named, or nobody in {@code chat.security.mode=none}
 * (the request's own ids are trusted then, and only direct conversations check their participants). A controller
 * method takes it as a parameter.
 */
public record Caller(String userId) {

    /** Nobody identified: mode none, or the service reading for a stream it already admitted. */
    public static final Caller UNIDENTIFIED = new Caller(null);

    /** True in jwt and gateway mode: then only participants see a conversation at all. */
    public boolean identified() {
        return userId != null;
    }

    /**
     * The user a request acts as: the caller, whose id the request may repeat; without identification, the id the
     * request claims.
     *
     * @throws NotTheCallerException when an identified caller claims to be someone else
     */
    public String actingAs(String claimed, String field) {
        if (!identified()) {
            return claimed;
        }
        if (claimed != null && !claimed.equals(userId)) {
            throw NotTheCallerException.claimed(field, claimed);
        }
        return userId;
    }

    /**
     * {@link #actingAs}, for a request that must name who acts: in mode none the claimed id is required.
     *
     * @throws NotTheCallerException when an identified caller claims to be someone else
     * @throws InvalidRequestException without identification, when the request names nobody
     */
    public String requiredActor(String claimed, String field) {
        String actor = actingAs(claimed, field);
        if (actor == null) {
            throw new InvalidRequestException(field, "must not be null");
        }
        return actor;
    }

    /**
     * Why {@code userId} was refused by a participant check. An identified caller is told the conversation is not
     * there, exactly as if it did not exist; without identification the 403 names the user.
     */
    public ErrorResponseException refusedIn(String conversationId, String userId) {
        return identified() ? new ConversationNotFoundException(conversationId)
                : new NotAParticipantException(conversationId, userId);
    }

    /** The reader whose membership a read must check, or {@code null} when anyone may read. */
    public String reader() {
        return userId;
    }
}
