-- Appends one message to a conversation atomically, or replays the earlier result of the same post.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the post's idempotency record             chat:{id}:idem:...
-- KEYS[4]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[5]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[6]  the conversation's last activity (string) chat:{id}:activity
-- KEYS[7]  the time buckets of the entries (sorted set) chat:{id}:ages
-- KEYS[8]  the seqs of entries that are not messages  chat:{id}:uncounted
-- KEYS[9]  the change entries of each message (hash) chat:{id}:changes
-- ARGV[1]  the stored member before its seq (TimelineCodec writes both parts; the script only joins them)
-- ARGV[2]  the stored member after its seq
-- ARGV[3]  how long the idempotency record lives, in milliseconds
-- ARGV[4]  the sender's user id
-- ARGV[5]  the pub/sub channel that live streams listen on; '' when the caller rings it itself, once replicas
--          confirmed the write (a stream must never show a message a failover could still take back)
-- ARGV[6]  '1' when only participants may post (an authenticated caller): a conversation without participants,
--          one never created, then refuses too; '' when only a direct conversation's participants are checked
-- ARGV[7]  the post's time, epoch milliseconds: the conversation's last activity, which orders inboxes
-- ARGV[8]  the retention policy (lib/timeline's retention_policy); the write trims what it names
--
-- Returns {1, seq} when the message was stored now (the caller has every other field already), {0, seq, member}
-- when the idempotency record shows it was stored before (nothing is written then), {-1} when the sender may not
-- post to it, {-2, seq} when it was stored before at seq and retention has taken it since (nothing is written then:
-- a retry must never store it twice).
--
-- Guarantees: the seq is the next one after both the counter and the highest seq stored (next_seq), so losing the
-- counter key never reuses a seq; every check comes before the first write, so a failure leaves nothing half done
-- and the counter has no gaps; Redis runs the script as one unit, so concurrent posts never share a seq. The
-- PUBLISH is only a doorbell for live streams, sent after the write: a stream that misses it reads the timeline.
--- @include lib/timeline
local seq_key, messages_key, idem_key, participants_key, read_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local activity_key, ages_key, uncounted_key, changes_key = KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local before_seq, after_seq, idem_ttl_ms, sender, channel = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local members_only, now_ms, policy = ARGV[6] == '1', ARGV[7], retention_policy(ARGV[8])

if not may_act(participants_key, sender, members_only) then
    return {-1}
end

local prior = redis.call('GET', idem_key)
if prior then
    if tonumber(prior) <= retained_through(messages_key, ages_key, last_seq(seq_key, messages_key), policy) then
        return {-2, tonumber(prior)}
    end
    local stored = redis.call('ZRANGEBYSCORE', messages_key, prior, prior, 'LIMIT', 0, 1)
    if stored[1] then
        return {0, tonumber(prior), stored[1]}
    end
end

local seq = next_seq(seq_key, messages_key)
append_entry(messages_key, activity_key, seq, before_seq, after_seq, now_ms, channel)
redis.call('SET', idem_key, seq, 'PX', idem_ttl_ms)
redis.call('HSET', read_key, sender, seq)
retain(messages_key, ages_key, uncounted_key, changes_key, seq, policy)
return {1, seq}
