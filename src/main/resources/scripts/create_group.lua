-- Creates a group: its settings, its participants and its first timeline entry, seq 1 (group-created), in one step.
-- Creating it again (a retried request that found its clientRequestId) changes nothing and returns that entry.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[5]  the group's settings (hash)               chat:{id}:meta
-- KEYS[6]  the conversation's last activity (string) chat:{id}:activity
-- KEYS[7]  the seq each participant joined at (hash) chat:{id}:joined
-- KEYS[8]  who left by themself (hash), not used here chat:{id}:left
-- KEYS[9]  the read fence, not used here              chat:{id}:fence
-- KEYS[10] the tombstone of a deleted group           chat:{id}:deleted
-- KEYS[11] the seqs of entries that are not messages  chat:{id}:uncounted
-- KEYS[12] the change entries of each message, not used here chat:{id}:changes
-- KEYS[13] how far each user cleared, not used here   chat:{id}:cleared
-- KEYS[14] the time buckets of the entries, not used here chat:{id}:ages
-- ARGV[1]  the owner's user id (the creator)
-- ARGV[2]  the title, '' for none
-- ARGV[3]  the group-created entry before its seq (TimelineCodec writes both parts; the script only joins them)
-- ARGV[4]  the entry after its seq
-- ARGV[5]  the time, epoch milliseconds
-- ARGV[6]  the pub/sub channel of live streams; '' when the caller rings it once replicas confirmed the write
-- ARGV[7]  the history visibility: 'shared' (a participant reads the whole timeline) or 'joined' (from their join)
-- ARGV[8..] the participants, the owner among them
--
-- Returns {1, member, history} when created now, {0, member, history} when the group existed: the member is its
-- group-created entry, history its history visibility;
-- {-1} when the id is taken by a conversation that is not this group, {-2} when this group was created and then
-- deleted (its last participant left): a retry must not bring it back; {-3} when the group exists and retention has
-- taken its group-created entry, so a retry cannot be checked against it. Nothing is written then.
--- @include lib/timeline
local seq_key, messages_key, participants_key, read_key, meta_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local activity_key, joined_key = KEYS[6], KEYS[7]
local owner, title, before_seq, after_seq, now_ms, channel = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local history = ARGV[7]
local tombstone_key, uncounted_key = KEYS[10], KEYS[11]

if redis.call('EXISTS', meta_key) == 1 then
    local first = redis.call('ZRANGEBYSCORE', messages_key, 1, 1, 'LIMIT', 0, 1)
    if not first[1] then
        return {-3}
    end
    return {0, first[1], redis.call('HGET', meta_key, 'history') or 'shared'}
end
if redis.call('EXISTS', tombstone_key) == 1 then
    return {-2}
end
if redis.call('EXISTS', participants_key) == 1 or redis.call('EXISTS', messages_key) == 1 then
    return {-1}
end

redis.call('HSET', meta_key, 'type', 'group', 'owner', owner, 'history', history)
if title ~= '' then
    redis.call('HSET', meta_key, 'title', title)
end
for i = 8, #ARGV, 500 do
    local last = math.min(i + 499, #ARGV)
    redis.call('SADD', participants_key, unpack(ARGV, i, last))
    local joined = {}
    for j = i, last do
        joined[#joined + 1] = ARGV[j]
        joined[#joined + 1] = '1'
    end
    redis.call('HSET', joined_key, unpack(joined))
end
-- nothing of this conversation exists (checked above): its next seq is 1
local seq = next_seq(seq_key, messages_key)
local member = append_entry(messages_key, activity_key, seq, before_seq, after_seq, now_ms, channel)
mark_uncounted(uncounted_key, seq)
redis.call('HSET', read_key, owner, string.format('%d', seq))
return {1, member, history}
