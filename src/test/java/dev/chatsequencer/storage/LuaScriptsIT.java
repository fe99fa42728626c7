package dev.chatsequencer.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatsequencer.RedisContents;
import dev.chatsequencer.RedisIntegrationTest;
import dev.chatsequencer.storage.MembershipOutcome.Refusal;
import dev.chatsequencer.timeline.EntryType;
import dev.chatsequencer.timeline.TimelineCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each script's outcomes, called through {@link LuaScripts} against a real Redis, with the raw keys checked: what every
 * feature relies on, tested where it is defined. The shared rules (lib/timeline.lua) are included once per script.
 */
@RedisIntegrationTest
class LuaScriptsIT {

    static final MemberTemplate ENTRY = new MemberTemplate("{\"seq\":", ",\"body\":\"x\"}");
    /** Scripts publish what they append here; no test listens. */
    static final String DOORBELL = "chat:test:doorbell";
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final int MAX_EDITS = 3;
    static final TimelineCodec CODEC = new TimelineCodec(JsonMapper.builder().build());

    @Autowired
    LuaScripts scripts;

    @Autowired
    StringRedisTemplate redis;

    final String id = "dm_" + UUID.randomUUID().toString().replace("-", "");

    @ParameterizedTest
    @ValueSource(strings = {"post_message.lua", "read_page.lua", "mark_read.lua", "conversation_state.lua",
        "create_group.lua", "change_membership.lua"})
    void everyTimelineScriptCarriesTheSharedRulesOnceAndNoIncludeLine(String script) {
        String text = ScriptConfiguration.text(script);

        assertThat(text).doesNotContain("--- @include");
        assertThat(Pattern.compile("local function last_seq\\(").matcher(text).results().count()).isEqualTo(1);
    }

    @Test
    void aPostTakesTheNextSeqAReplayFindsItAndAnOutsiderIsRefused() {
        participants("alice", "bob");

        PostOutcome first = post("alice", "idem-1", true);
        PostOutcome second = post("bob", "idem-2", true);
        PostOutcome replay = post("alice", "idem-1", true);
        PostOutcome outsider = post("mallory", "idem-3", true);

        assertThat(first).isEqualTo(stored(1));
        assertThat(second).isEqualTo(stored(2));
        assertThat(replay).isInstanceOfSatisfying(PostOutcome.Replayed.class, replayed -> {
            assertThat(replayed.seq()).isEqualTo(1);
            assertThat(replayed.member()).isEqualTo("{\"seq\":1,\"body\":\"x\"}");
        });
        assertThat(outsider).isInstanceOf(PostOutcome.NotAParticipant.class);
        assertThat(redis.opsForZSet().size(key("messages"))).isEqualTo(2);
        assertThat(redis.opsForValue().get(key("seq"))).isEqualTo("2");
        assertThat(redis.opsForHash().get(key("read"), "bob")).isEqualTo("2");
    }

    @Test
    void aLostCounterNeverGivesASeqTwice() {
        post("alice", "a", false);
        post("alice", "b", false);
        redis.delete(key("seq"));

        assertThat(post("alice", "c", false)).isEqualTo(stored(3));
        assertThat(scripts.state(id, null, null, 10).orElseThrow().lastSeq()).isEqualTo(3);
    }

    @Test
    void anOpenConversationTakesAnyoneOnlyWithoutIdentification() {
        assertThat(post("anyone", "a", false)).isEqualTo(stored(1));
        assertThat(post("anyone", "b", true)).isInstanceOf(PostOutcome.NotAParticipant.class);
    }

    @Test
    void aPageIsAscendingBoundedInEntriesAndBytesAndRefusedToOutsiders() {
        participants("alice", "bob");
        for (int i = 0; i < 5; i++) {
            post("alice", "p" + i, true);
        }
        int entryBytes = "{\"seq\":1,\"body\":\"x\"}".length();

        StoredPage newest = scripts.readPage(id, null, null, 2, "bob", false, 1_000).orElseThrow();
        StoredPage after = scripts.readPage(id, 1L, null, 10, "bob", false, 1_000).orElseThrow();
        StoredPage budget = scripts.readPage(id, 0L, null, 10, "bob", false, 2L * entryBytes).orElseThrow();
        StoredPage tiny = scripts.readPage(id, 0L, null, 10, "bob", false, 1).orElseThrow();

        assertThat(seqs(newest)).containsExactly(4L, 5L);
        assertThat(newest.hasMore()).isTrue();
        assertThat(newest.lastSeq()).isEqualTo(5);
        assertThat(seqs(after)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(after.hasMore()).isFalse();
        assertThat(seqs(budget)).containsExactly(1L, 2L);
        assertThat(budget.hasMore()).isTrue();
        assertThat(seqs(tiny)).containsExactly(1L);
        assertThat(scripts.readPage(id, null, null, 10, "mallory", false, 1_000)).isEmpty();
    }

    @Test
    void aReadMarkerMovesForwardOnlyUpToTheLastSeq() {
        participants("alice", "bob");
        post("alice", "a", true);
        post("alice", "b", true);

        assertThat(scripts.markRead(id, "bob", 99, true)).isEqualTo(new MarkOutcome.Marked(2, 2, 0));
        assertThat(scripts.markRead(id, "bob", 1, true)).isEqualTo(new MarkOutcome.Marked(2, 2, 0));
        assertThat(scripts.markRead(id, "mallory", 1, true)).isInstanceOf(MarkOutcome.NotAParticipant.class);
        assertThat(redis.opsForHash().hasKey(key("read"), "mallory")).isFalse();
    }

    @Test
    void aGroupIsCreatedOnceAndItsMembershipChangesAreRefusedExactlyAsTheRulesSay() {
        String group = "gr_" + UUID.randomUUID().toString().replace("-", "");
        List<String> people = List.of("alice", "bob", "carol");

        GroupOutcome created = scripts.createGroup(group, "alice", "Climbing", "shared", people, ENTRY, NOW, DOORBELL);
        GroupOutcome again = scripts.createGroup(group, "alice", "Climbing", "shared", people, ENTRY, NOW, DOORBELL);

        assertThat(created).isInstanceOfSatisfying(GroupOutcome.Created.class, c -> assertThat(c.now()).isTrue());
        assertThat(again).isInstanceOfSatisfying(GroupOutcome.Created.class, c -> assertThat(c.now()).isFalse());
        assertThat(change(group, true, "mallory", "dave", 10)).isEqualTo(refused(Refusal.NOT_A_PARTICIPANT));
        assertThat(change(group, true, "bob", "dave", 3)).isEqualTo(refused(Refusal.FULL));
        assertThat(change(group, false, "bob", "dave", 10)).isEqualTo(refused(Refusal.USER_NOT_IN));
        assertThat(change(group, false, "bob", "carol", 10)).isEqualTo(refused(Refusal.NOT_ALLOWED));
        assertThat(change(group, true, "bob", "carol", 10)).isEqualTo(new MembershipOutcome.Changed(false, 1, null));
        assertThat(change(group, false, "carol", "carol", 10)).isEqualTo(changed(2));
        assertThat(change(group, true, "alice", "carol", 10)).isEqualTo(refused(Refusal.LEFT_BY_CHOICE));
        assertThat(change(group, true, "carol", "carol", 10)).isEqualTo(changed(3));
        assertThat(redis.opsForValue().get("chat:{" + group + "}:seq")).isEqualTo("3");
        assertThat(redis.opsForZSet().size("chat:{" + group + "}:messages")).isEqualTo(3);
        assertThat(change(id, true, "alice", "dave", 10)).isEqualTo(refused(Refusal.NOT_A_PARTICIPANT));
    }

    @Test
    void theLastOneOutDeletesTheGroupAndItsCreationCannotComeBackNorTakeAnotherConversationsId() {
        String group = "gr_" + UUID.randomUUID().toString().replace("-", "");
        List<String> people = List.of("alice", "bob");
        scripts.createGroup(group, "alice", null, "shared", people, ENTRY, NOW, DOORBELL);

        change(group, false, "alice", "alice", 10);
        MembershipOutcome last = change(group, false, "bob", "bob", 10);

        assertThat(last).isEqualTo(changed(3));
        assertThat(redis.keys("chat:{" + group + "}:*")).containsExactly("chat:{" + group + "}:deleted");
        assertThat(scripts.createGroup(group, "alice", null, "shared", people, ENTRY, NOW, DOORBELL))
                .isInstanceOf(GroupOutcome.Deleted.class);
        participants("alice", "bob");
        assertThat(scripts.createGroup(id, "alice", null, "shared", people, ENTRY, NOW, DOORBELL))
                .isInstanceOf(GroupOutcome.IdTaken.class);
        assertThat(redis.hasKey(key("meta"))).isFalse();
    }

    @Test
    void aTokenIsTakenUntilTheBucketIsEmptyAndARefusalWritesNothing() {
        String bucket = "chat:{u:" + id + "}:rate:test";

        assertThat(scripts.takeToken(bucket, 2, 0.001).taken()).isTrue();
        assertThat(scripts.takeToken(bucket, 2, 0.001).taken()).isTrue();
        Object before = redis.opsForHash().entries(bucket);
        TokenOutcome refused = scripts.takeToken(bucket, 2, 0.001);

        assertThat(refused.taken()).isFalse();
        assertThat(refused.waitMillis()).isPositive();
        assertThat(redis.opsForHash().entries(bucket)).isEqualTo(before);
    }

    @Test
    void aStaleInboxEntryIsDroppedOnlyWhenNotWrittenSince() {
        String inbox = "chat:{u:" + id + "}:conversations";
        redis.opsForZSet().add(inbox, "old", 1_000);
        redis.opsForZSet().add(inbox, "new", 5_000);

        assertThat(scripts.dropStaleInboxEntry(id, "old", Instant.ofEpochMilli(2_000))).isTrue();
        assertThat(scripts.dropStaleInboxEntry(id, "new", Instant.ofEpochMilli(2_000))).isFalse();
        assertThat(redis.opsForZSet().range(inbox, 0, -1)).containsExactly("new");
    }

    @Test
    void anEditRewritesTheMessageAtItsSeqAndARetryOfItWritesNothing() {
        participants("alice", "bob");
        postMessage(id, "alice", "hello");

        MessageChangeOutcome edit = changeMessage(id, "alice", 1, "hello again", false);
        MessageChangeOutcome retry = changeMessage(id, "alice", 1, "hello again", false);
        MessageChangeOutcome byBob = changeMessage(id, "bob", 1, "mine now", false);

        assertThat(edit).isInstanceOfSatisfying(MessageChangeOutcome.Changed.class, changed -> {
            assertThat(changed.now()).isTrue();
            assertThat(changed.seq()).isEqualTo(2);
            assertThat(changed.member()).startsWith("{\"seq\":2,\"type\":\"message-edited\",")
                    .contains("\"body\":\"hello again\"", "\"targetSeq\":1");
        });
        assertThat(retry).isEqualTo(new MessageChangeOutcome.Changed(false, 2,
                ((MessageChangeOutcome.Changed) edit).member()));
        assertThat(byBob).isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.NOT_ALLOWED));
        assertThat(redis.opsForZSet().rangeByScore(key("messages"), 1, 1)).singleElement().asString()
                .contains("\"body\":\"hello again\"", "\"editedAt\":\"2026-12-02T10:00:00Z\"")
                .doesNotContain("\"hello\"");
        assertThat(redis.opsForValue().get(key("seq"))).isEqualTo("2");
        assertThat(redis.opsForZSet().rangeByScore(key("uncounted"), 0, 10)).containsExactly("2");
        changeMessage(id, "alice", 1, "third", false);
        changeMessage(id, "alice", 1, "fourth", false);
        assertThat(changeMessage(id, "alice", 1, "one too many", false))
                .isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.EDIT_LIMIT));
        assertThat(redis.opsForValue().get(key("seq"))).isEqualTo("4");
    }

    @Test
    void aDeletionErasesEveryTextOfTheMessageAndOnlyItsSenderOrTheOwnerMayMakeIt() {
        String group = "gr_" + UUID.randomUUID().toString().replace("-", "");
        List<String> people = List.of("alice", "bob", "carol");
        scripts.createGroup(group, "alice", null, "shared", people,
                CODEC.membership(EntryType.GROUP_CREATED, "alice", null, people, null, NOW), NOW, DOORBELL);
        postMessage(group, "bob", "a secret");
        changeMessage(group, "bob", 2, "the secret, edited", false);

        MessageChangeOutcome byCarol = changeMessage(group, "carol", 2, null, false);
        MessageChangeOutcome bySenderTooLate = changeMessage(group, "bob", 2, null, true);
        MessageChangeOutcome byOwner = changeMessage(group, "alice", 2, null, true);
        MessageChangeOutcome again = changeMessage(group, "bob", 2, null, false);

        assertThat(byCarol).isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.NOT_ALLOWED));
        assertThat(bySenderTooLate)
                .isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.WINDOW_PASSED));
        assertThat(byOwner).isInstanceOfSatisfying(MessageChangeOutcome.Changed.class,
                changed -> assertThat(changed.seq()).isEqualTo(4));
        assertThat(again).isInstanceOfSatisfying(MessageChangeOutcome.Changed.class,
                changed -> assertThat(changed.now()).isFalse());
        assertThat(changeMessage(group, "bob", 2, "back", false))
                .isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.DELETED));
        assertThat(changeMessage(group, "alice", 1, null, false))
                .isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.NOT_A_MESSAGE));
        assertThat(changeMessage(group, "alice", 99, null, false))
                .isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.NO_SUCH_ENTRY));
        assertThat(changeMessage(group, "mallory", 2, null, false))
                .isEqualTo(new MessageChangeOutcome.Refused(MessageChangeOutcome.Refusal.NOT_A_PARTICIPANT));
        assertThat(redis.opsForZSet().rangeByScore("chat:{" + group + "}:messages", 2, 2)).singleElement().asString()
                .endsWith(",\"deleted\":true}").doesNotContain("\"body\"");
        assertThat(redis.opsForValue().get("chat:{" + group + "}:seq")).isEqualTo("4");
        assertThat(RedisContents.everyValue(redis, group)).noneMatch(value -> value.contains("secret"));
    }

    private void postMessage(String conversation, String sender, String body) {
        scripts.post(conversation, "chat:{" + conversation + "}:idem:s:" + UUID.randomUUID(), Duration.ofMinutes(1),
                sender, CODEC.message(sender, body, null, NOW), NOW, true, DOORBELL);
    }

    private MessageChangeOutcome changeMessage(String conversation, String actor, long seq, String body,
            boolean windowPassed) {
        EntryType type = body == null ? EntryType.MESSAGE_DELETED : EntryType.MESSAGE_EDITED;
        return scripts.changeMessage(conversation, actor, seq, CODEC.change(type, actor, seq, body, NOW), NOW, true,
                body == null ? null : CODEC.jsonValue(body), body == null ? null : CODEC.jsonValue(NOW), windowPassed,
                MAX_EDITS, DOORBELL);
    }

    /**
     * Random posts, membership changes and markers in a group, checked after every step against a count made by
     * hand from what was written: the messages after each participant's marker, membership changes left out.
     */
    @Test
    void unreadCountsEqualACountByHandAfterAnyMixOfPostsMembershipChangesAndMarkers() {
        String group = "gr_" + UUID.randomUUID().toString().replace("-", "");
        List<String> people = new ArrayList<>(List.of("alice", "bob", "carol"));
        scripts.createGroup(group, "alice", null, "shared", people, ENTRY, NOW, DOORBELL);
        Set<Long> messages = new HashSet<>();
        Random random = new Random(20);
        for (int step = 0; step < 300; step++) {
            int roll = random.nextInt(20);
            if (roll < 10) {
                String sender = people.get(random.nextInt(people.size()));
                PostOutcome posted = scripts.post(group, "chat:{" + group + "}:idem:s:" + step, Duration.ofMinutes(1),
                        sender, ENTRY, NOW, true, DOORBELL);
                messages.add(((PostOutcome.Stored) posted).seq());
            } else if (roll < 13) {
                boolean add = !people.contains("dave");
                assertThat(change(group, add, "alice", "dave", 10)).isInstanceOf(MembershipOutcome.Changed.class);
                if (add) {
                    people.add("dave");
                } else {
                    people.remove("dave");
                }
            } else {
                long last = scripts.state(group, null, null, 10).orElseThrow().lastSeq();
                String reader = people.get(random.nextInt(people.size()));
                long unread = ((MarkOutcome.Marked) scripts.markRead(group, reader, random.nextLong(last + 1), true))
                        .unread();
                assertThat(unread).isEqualTo(unreadByHand(group, reader, messages));
            }
            for (StoredState.Marker marker : scripts.state(group, null, null, 10).orElseThrow().markers()) {
                assertThat(marker.unread()).as("step %d, %s", step, marker.userId())
                        .isEqualTo(unreadByHand(group, marker.userId(), messages));
            }
        }
    }

    private long unreadByHand(String group, String user, Set<Long> messages) {
        Object marker = redis.opsForHash().get("chat:{" + group + "}:read", user);
        long readSeq = marker == null ? 0 : Long.parseLong((String) marker);
        return messages.stream().filter(seq -> seq > readSeq).count();
    }

    private PostOutcome post(String sender, String token, boolean membersOnly) {
        return scripts.post(id, key("idem:s:" + token), Duration.ofMinutes(1), sender, ENTRY, NOW, membersOnly,
                DOORBELL);
    }

    private MembershipOutcome change(String group, boolean add, String actor, String user, int maxParticipants) {
        return scripts.changeMembership(group, add, actor, user, ENTRY, NOW, maxParticipants, Duration.ofMinutes(1),
                DOORBELL);
    }

    private static PostOutcome stored(long seq) {
        return new PostOutcome.Stored(seq, ENTRY.withSeq(seq));
    }

    private static MembershipOutcome changed(long seq) {
        return new MembershipOutcome.Changed(true, seq, ENTRY.withSeq(seq));
    }

    private static MembershipOutcome refused(Refusal refusal) {
        return new MembershipOutcome.Refused(refusal);
    }

    private void participants(String... users) {
        redis.opsForSet().add(key("participants"), users);
    }

    private String key(String suffix) {
        return "chat:{" + id + "}:" + suffix;
    }

    private static List<Long> seqs(StoredPage page) {
        return page.members().stream().map(member -> new String(member, StandardCharsets.UTF_8))
                .map(member -> Long.parseLong(member.replaceAll("\\{\"seq\":(\\d+),.*", "$1"))).toList();
    }
}
