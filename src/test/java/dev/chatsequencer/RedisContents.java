package dev.chatsequencer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What Redis holds for one conversation, read raw: for tests that prove what a request wrote, or did not. */
public final class RedisContents {

    private RedisContents() {
    }

    /** Every value of every key of the conversation: members, fields, set members, strings. */
    public static List<String> everyValue(StringRedisTemplate redis, String conversation) {
        List<String> values = new ArrayList<>();
        snapshot(redis, conversation).values().forEach(values::addAll);
        return values;
    }

    /**
     * Every key of the conversation with what it holds (a sorted set's members with their scores, a hash's fields
     * with their values), comparable: for tests that prove a refused request left Redis exactly as it was.
     */
    public static Map<String, List<String>> snapshot(StringRedisTemplate redis, String conversation) {
        Map<String, List<String>> keys = new TreeMap<>();
        for (String key : redis.keys("chat:{" + conversation + "}:*")) {
            List<String> values = new ArrayList<>();
            switch (redis.type(key).code()) {
                case "zset" -> redis.opsForZSet().rangeWithScores(key, 0, -1)
                        .forEach(tuple -> values.add(tuple.getScore() + " " + tuple.getValue()));
                case "hash" -> redis.opsForHash().entries(key)
                        .forEach((field, value) -> values.add(field + "=" + value));
                case "set" -> values.addAll(redis.opsForSet().members(key));
                default -> values.add(redis.opsForValue().get(key));
            }
            values.sort(null);
            keys.put(key, values);
        }
        return keys;
    }
}
