package bench;

import java.time.Instant;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ceiling (a): parses the same JSON as the product's post, does one Redis INCR and answers the same JSON. Whatever
 * the product does beyond this (validation, the atomic script, idempotency, metrics) is the cost being measured.
 */
@SpringBootApplication
@RestController
public class CeilingApplication {

    private final StringRedisTemplate redis;

    CeilingApplication(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public static void main(String[] args) {
        SpringApplication.run(CeilingApplication.class, args);
    }

    @PostMapping("/v1/conversations/{conversationId}/messages")
    ResponseEntity<Message> post(@PathVariable String conversationId, @RequestBody Post post) {
        Long seq = redis.opsForValue().increment("ceiling:{" + conversationId + "}:seq");
        return ResponseEntity.status(201).body(new Message(conversationId, seq, post.senderId(), post.body(),
                post.clientMessageId(), Instant.now()));
    }

    record Post(String senderId, String body, String clientMessageId) {
    }

    record Message(String conversationId, long seq, String senderId, String body, String clientMessageId,
            Instant sentAt) {
    }
}
