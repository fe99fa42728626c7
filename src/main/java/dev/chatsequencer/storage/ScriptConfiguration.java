package dev.chatsequencer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.StreamUtils;

/**
 * Loads each Lua script once as a bean; {@link LuaScripts} takes them by qualifier and is their only caller.
 * The text is read here rather than handed over as a resource: a resource-backed script asks the resource whether it
 * changed on every call, which the profiler showed as a quarter of a post's CPU time. A line
 * {@code --- @include lib/timeline} is replaced by {@code scripts/lib/timeline.lua} (BullMQ's way): the rules every
 * script shares are written once, and each script is still one text that Redis runs by EVALSHA.
 */
@Configuration(proxyBeanMethods = false)
class ScriptConfiguration {

    static final String POST_MESSAGE = "postMessageScript";
    static final String READ_PAGE = "readPageScript";
    static final String MARK_READ = "markReadScript";
    static final String CONVERSATION_STATE = "conversationStateScript";
    static final String TAKE_TOKEN = "takeTokenScript";
    static final String CREATE_GROUP = "createGroupScript";
    static final String CHANGE_MEMBERSHIP = "changeMembershipScript";
    static final String DROP_STALE_INBOX_ENTRY = "dropStaleInboxEntryScript";
    static final String CONVERSATION_SUMMARY = "conversationSummaryScript";
    static final String CHANGE_MESSAGE = "changeMessageScript";
    static final String CLEAR_HISTORY = "clearHistoryScript";

    private static final Pattern INCLUDE = Pattern.compile("(?m)^--- @include (\\S+)$");

    @Bean(POST_MESSAGE)
    RedisScript<List<Object>> postMessageScript() {
        return listScript("post_message.lua");
    }

    @Bean(READ_PAGE)
    RedisScript<List<Object>> readPageScript() {
        return listScript("read_page.lua");
    }

    @Bean(MARK_READ)
    RedisScript<List<Object>> markReadScript() {
        return listScript("mark_read.lua");
    }

    @Bean(CONVERSATION_STATE)
    RedisScript<List<Object>> conversationStateScript() {
        return listScript("conversation_state.lua");
    }

    @Bean(TAKE_TOKEN)
    RedisScript<List<Object>> takeTokenScript() {
        return listScript("take_token.lua");
    }

    @Bean(CREATE_GROUP)
    RedisScript<List<Object>> createGroupScript() {
        return listScript("create_group.lua");
    }

    @Bean(CHANGE_MEMBERSHIP)
    RedisScript<List<Object>> changeMembershipScript() {
        return listScript("change_membership.lua");
    }

    @Bean(CHANGE_MESSAGE)
    RedisScript<List<Object>> changeMessageScript() {
        return listScript("change_message.lua");
    }

    @Bean(CLEAR_HISTORY)
    RedisScript<List<Object>> clearHistoryScript() {
        return listScript("clear_history.lua");
    }

    @Bean(CONVERSATION_SUMMARY)
    RedisScript<List<Object>> conversationSummaryScript() {
        return listScript("conversation_summary.lua");
    }

    @Bean(DROP_STALE_INBOX_ENTRY)
    RedisScript<Long> dropStaleInboxEntryScript() {
        return new DefaultRedisScript<>(text("drop_stale_inbox_entry.lua"), Long.class);
    }

    private static RedisScript<List<Object>> listScript(String name) {
        return new DefaultRedisScript<>(text(name), listOfReplies());
    }

    /** The script's text with its includes in place, each library once. */
    static String text(String name) {
        Matcher include = INCLUDE.matcher(read(name));
        Set<String> included = new HashSet<>();
        StringBuilder resolved = new StringBuilder();
        while (include.find()) {
            String library = include.group(1);
            String text = included.add(library) ? read(library + ".lua") : "";
            if (INCLUDE.matcher(text).find()) {
                throw new IllegalStateException("The Lua library " + library + " includes another; only scripts "
                        + "include libraries");
            }
            include.appendReplacement(resolved, Matcher.quoteReplacement(text));
        }
        include.appendTail(resolved);
        return resolved.toString();
    }

    private static String read(String name) {
        try {
            return StreamUtils.copyToString(new ClassPathResource("scripts/" + name).getInputStream(),
                    StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Lua script " + name, ex);
        }
    }

    /**
     * Replies whose bulk strings stay as Redis sent them: the template's result serializer is applied to each element
     * of a multi-bulk reply, and one that does nothing keeps them as bytes.
     */
    @SuppressWarnings("unchecked")
    static RedisSerializer<List<Object>> bytesAsSent() {
        return (RedisSerializer<List<Object>>) (RedisSerializer<?>) RedisSerializer.byteArray();
    }

    /** The template picks the multi-bulk reply type from the class, which cannot carry the element type. */
    @SuppressWarnings("unchecked")
    private static Class<List<Object>> listOfReplies() {
        return (Class<List<Object>>) (Class<?>) List.class;
    }
}
