package bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceilings: the least a Spring MVC + Redis service can do for the product's two hot operations. A post parses
 * the same JSON, does one INCR and answers the same JSON; a page does one ZREVRANGE of the product's own timeline
 * key and writes the stored members out unparsed, with the conversation id spliced in as the product's page has it.
 * Whatever the product does beyond this (validation, identity, the atomic scripts, idempotency, its own metrics) is
 * the cost being measured. Built twice by bench/run.sh: bare, and with the product's actuator and HTTP observation.
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
        return ResponseEntity.status(201).body(new Message(conversationId, seq, "message", post.senderId(),
                post.body(), post.clientMessageId(), Instant.now()));
    }

    @GetMapping("/v1/conversations/{conversationId}/messages")
    ResponseEntity<byte[]> page(@PathVariable String conversationId,
            @RequestParam(defaultValue = "50") int limit) {
        byte[] key = ("chat:{" + conversationId + "}:messages").getBytes(StandardCharsets.UTF_8);
        Set<byte[]> newestFirst = redis.execute(
                (RedisCallback<Set<byte[]>>) connection -> connection.zSetCommands().zRevRange(key, 0, limit - 1));
        List<byte[]> members = new ArrayList<>(newestFirst);
        byte[] prefix = ("{\"conversationId\":\"" + conversationId + "\",").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream json = new ByteArrayOutputStream(64 + members.size() * 256);
        json.writeBytes(("{\"conversationId\":\"" + conversationId + "\",\"lastSeq\":"
                + (members.isEmpty() ? "0" : seqOf(members.get(0))) + ",\"messages\":[")
                .getBytes(StandardCharsets.UTF_8));
        byte[] type = "\"type\":\"message\",".getBytes(StandardCharsets.UTF_8);
        for (int i = members.size() - 1; i >= 0; i--) {
            // as the product: the stored message has no type, the page shows it after the seq
            byte[] member = members.get(i);
            int afterSeq = 7;
            while (member[afterSeq] != ',') {
                afterSeq++;
            }
            afterSeq++;
            json.writeBytes(prefix);
            json.write(member, 1, afterSeq - 1);
            json.writeBytes(type);
            json.write(member, afterSeq, member.length - afterSeq);
            if (i > 0) {
                json.write(',');
            }
        }
        json.writeBytes(("],\"hasMore\":" + (members.size() == limit) + "}").getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.toByteArray());
    }

    /** The seq of a stored member, which starts {"seq":N, */
    private static String seqOf(byte[] member) {
        int end = 7;
        while (member[end] != ',') {
            end++;
        }
        return new String(member, 7, end - 7, StandardCharsets.US_ASCII);
    }

    record Post(String senderId, String body, String clientMessageId) {
    }

    record Message(String conversationId, long seq, String type, String senderId, String body,
            String clientMessageId, Instant sentAt) {
    }
}
