-- Adds a user to a group or removes one, with a participant-added or participant-removed entry at the next seq, in
-- one step: no post can come between the membership check and the entry, so every reader agrees on who was in the
-- group at every seq. Any participant adds; a participant removes themself, the owner removes anyone. A removed
-- user's read marker goes with them; an owner who leaves leaves the group without one (the others may still add and
-- leave, and nobody removes anyone else).
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[5]  the group's settings (hash)               chat:{id}:meta
-- KEYS[6]  the conversation's last activity (string) chat:{id}:activity
-- KEYS[7]  the seq each participant joined at (hash) chat:{id}:joined
-- KEYS[8]  who left by themself, and at which seq    chat:{id}:left
-- KEYS[9]  the read fence (string)                   chat:{id}:fence
-- KEYS[10] the tombstone of a deleted group          chat:{id}:deleted
-- KEYS[11] the seqs of entries that are not messages  chat:{id}:uncounted
-- KEYS[12] the change entries of each message (hash) chat:{id}:changes
-- KEYS[13] how far each user cleared (hash)          chat:{id}:cleared
-- KEYS[14] the time buckets of the entries (sorted set) chat:{id}:ages
-- ARGV[1]  'add' or 'remove'
-- ARGV[2]  who makes the change (must be a participant)
-- ARGV[3]  who is added or removed
-- ARGV[4]  the entry before its seq (TimelineCodec writes both parts; the script only joins them)
-- ARGV[5]  the entry after its seq
-- ARGV[6]  the time, epoch milliseconds
-- ARGV[7]  the pub/sub channel of live streams; '' when the caller rings it once replicas confirmed the write
-- ARGV[8]  the most participants a group may have
-- ARGV[9]  how long the tombstone of a deleted group lives, in milliseconds (as long as a creation can be retried)
-- ARGV[10] the retention policy (lib/timeline's retention_policy); the write trims what it names
--
-- Returns {1, seq} when changed now; {0, lastSeq} when the user to add was in already (no seq is consumed); {-1}
-- when the actor is not a participant (or there is no such conversation); {-2} when it is not a group; {-3} when
-- the group is full; {-4} when the user to remove is not a participant; {-5} when the actor may not remove them;
-- {-6} when the user to add left by themself and only they may come back. Nothing is written but in the first case.
--- @include lib/timeline
local seq_key, messages_key, participants_key, read_key, meta_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local activity_key, joined_key, left_key, fence_key, tombstone_key = KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
local uncounted_key, changes_key, cleared_key, ages_key = KEYS[11], KEYS[12], KEYS[13], KEYS[14]
local op, actor, user, before_seq, after_seq = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local now_ms, channel, max_participants, tombstone_ttl_ms = ARGV[6], ARGV[7], tonumber(ARGV[8]), ARGV[9]
local policy = retention_policy(ARGV[10])

local left_by_choice = op == 'add' and redis.call('HEXISTS', left_key, user) == 1
local rejoin = left_by_choice and actor == user
if not rejoin and not may_act(participants_key, actor, true) then
    return {-1}
end
if redis.call('HGET', meta_key, 'type') ~= 'group' then
    return {-2}
end

local is_member = redis.call('SISMEMBER', participants_key, user) == 1
local owner = redis.call('HGET', meta_key, 'owner')
if op == 'add' then
    if is_member then
        return {0, last_seq(seq_key, messages_key)}
    end
    if left_by_choice and not rejoin then
        return {-6}
    end
    if redis.call('SCARD', participants_key) >= max_participants then
        return {-3}
    end
else
    if not is_member then
        return {-4}
    end
    if actor ~= user and owner ~= actor then
        return {-5}
    end
end

local seq = next_seq(seq_key, messages_key)
local seq_text = string.format('%d', seq)
append_entry(messages_key, activity_key, seq, before_seq, after_seq, now_ms, channel)
mark_uncounted(uncounted_key, seq)
if op == 'add' then
    redis.call('SADD', participants_key, user)
    redis.call('HSET', joined_key, user, seq_text)
    -- everything before their own entry counts as read: a newcomer is not greeted by the whole history as unread
    redis.call('HSET', read_key, user, string.format('%d', seq - 1))
    redis.call('HDEL', left_key, user)
else
    redis.call('SREM', participants_key, user)
    redis.call('HDEL', read_key, user)
    redis.call('HDEL', joined_key, user)
    if owner == user then
        redis.call('HDEL', meta_key, 'owner')
    end
    if actor == user then
        redis.call('HSET', left_key, user, seq_text)
    end
    if redis.call('SCARD', participants_key) == 0 then
        -- nobody can read it any more: keeping it would be storage that grows forever, reachable by nobody
        redis.call('DEL', seq_key, messages_key, participants_key, read_key, meta_key, activity_key, joined_key,
            left_key, fence_key, uncounted_key, changes_key, cleared_key, ages_key)
        redis.call('SET', tombstone_key, seq_text, 'PX', tombstone_ttl_ms)
        return {1, seq}
    end
end
retain(messages_key, ages_key, uncounted_key, changes_key, seq, policy)
return {1, seq}
