package dev.chatsequencer.conversation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Derives the permanent id of the direct conversation between two users: {@code dm_} and 128 bits of SHA-256 over
 * the sorted pair. Each id is length-prefixed, so ("a", "bc") and ("ab", "c") hash different input; the version tag
 * lets a future scheme coexist without ever changing an existing id.
 */
@Component
class DirectConversationIds {

    private static final String DOMAIN = "chat-sequencer/direct/v1\n";

    String idOf(String userA, String userB) {
        String first = userA.compareTo(userB) <= 0 ? userA : userB;
        String second = first.equals(userA) ? userB : userA;
        String encoded = DOMAIN + first.length() + ":" + first + "\n" + second.length() + ":" + second;
        byte[] digest = sha256().digest(encoded.getBytes(StandardCharsets.UTF_8));
        return "dm_" + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", ex);
        }
    }
}
