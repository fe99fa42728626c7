package dev.chatsequencer.inbox;

import dev.chatsequencer.web.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of an inbox ends: the last conversation's activity and id, the inbox's sort key (activity newest
 * first, then id), opaque to clients as base64url. A conversation whose activity changes between two pages moves,
 * and shows up again on the first page, as any client that follows the stream expects.
 */
record InboxCursor(long activityMillis, String conversationId) {

    /** True when {@code activity} and {@code id} sort after this cursor. */
    boolean precedes(long activity, String id) {
        return activity < activityMillis || activity == activityMillis && id.compareTo(conversationId) > 0;
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((activityMillis + ":" + conversationId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidRequestException when the cursor is not one this service wrote */
    static InboxCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new InboxCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
            throw new InvalidRequestException("cursor", "must be a nextCursor from an earlier page");
        }
    }
}
