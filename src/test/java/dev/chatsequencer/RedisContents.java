package dev.chatsequencer;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What Redis holds for one conversation, read raw: for tests that prove a text is gone from everywhere. */
public final class RedisContents {

    private RedisContents() {
    }

    /** Every value of every key of the conversation: members, fields, set members, strings. */
    public static List<String> everyValue(StringRedisTemplate redis, String conversation) {
        List<String> values = new ArrayList<>();
        for (String key : redis.keys("chat:{" + conversation + "}:*")) {
            switch (redis.type(key).code()) {
                case "zset" -> values.addAll(redis.opsForZSet().range(key, 0, -1));
                case "hash" -> redis.opsForHash().entries(key).values().forEach(value -> values.add((String) value));
                case "set" -> values.addAll(redis.opsForSet().members(key));
                default -> values.add(redis.opsForValue().get(key));
            }
        }
        return values;
    }
}
