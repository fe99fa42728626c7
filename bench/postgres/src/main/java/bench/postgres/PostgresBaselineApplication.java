package bench.postgres;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same post and page operations on PostgreSQL: a post is one transaction that takes the conversation's next seq
 * by row lock (an upsert that increments last_seq, RETURNING it) and inserts the message; a page is one indexed
 * query on (conversation_id, seq). Messages go out as the product's JSON.
 */
@SpringBootApplication
@RestController
public class PostgresBaselineApplication {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    PostgresBaselineApplication(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    public static void main(String[] args) {
        SpringApplication.run(PostgresBaselineApplication.class, args);
    }

    @PostMapping("/v1/conversations/{conversationId}/messages")
    ResponseEntity<Message> post(@PathVariable String conversationId, @RequestBody Post post) {
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Message message = transaction.execute(status -> {
            Long seq = jdbc.queryForObject("INSERT INTO conversations (id, last_seq) VALUES (?, 1) "
                    + "ON CONFLICT (id) DO UPDATE SET last_seq = conversations.last_seq + 1 RETURNING last_seq",
                    Long.class, conversationId);
            jdbc.update("INSERT INTO messages (conversation_id, seq, sender_id, body, client_message_id, sent_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", conversationId, seq, post.senderId(), post.body(),
                    post.clientMessageId(), Timestamp.from(sentAt));
            return new Message(conversationId, seq, "message", post.senderId(), post.body(), post.clientMessageId(),
                    sentAt);
        });
        return ResponseEntity.status(201).body(message);
    }

    @GetMapping("/v1/conversations/{conversationId}/messages")
    Page page(@PathVariable String conversationId, @RequestParam(defaultValue = "50") int limit) {
        // one round trip, one snapshot: the counter and the newest messages below it
        long[] lastSeq = {0};
        List<Message> messages = new ArrayList<>(limit);
        jdbc.query("SELECT c.last_seq, m.seq, m.sender_id, m.body, m.client_message_id, m.sent_at "
                + "FROM conversations c LEFT JOIN LATERAL (SELECT * FROM messages WHERE conversation_id = c.id "
                + "ORDER BY seq DESC LIMIT ?) m ON true WHERE c.id = ?", row -> {
                    lastSeq[0] = row.getLong(1);
                    if (row.getObject(2) != null) {
                        messages.add(new Message(conversationId, row.getLong(2), "message", row.getString(3),
                                row.getString(4), row.getString(5), row.getTimestamp(6).toInstant()));
                    }
                }, limit, conversationId);
        Collections.reverse(messages);
        return new Page(conversationId, lastSeq[0], messages, messages.size() == limit);
    }

    record Post(String senderId, String body, String clientMessageId) {
    }

    record Message(String conversationId, long seq, String type, String senderId, String body,
            String clientMessageId, Instant sentAt) {
    }

    record Page(String conversationId, long lastSeq, List<Message> messages, boolean hasMore) {
    }
}
