-- Moves a user's read marker forward, never back, and never past the conversation's last seq.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[5]  a group's settings (hash), not used here   chat:{id}:meta
-- KEYS[6]  the seqs of entries that are not messages  chat:{id}:uncounted
-- KEYS[7]  how far each user cleared (hash), not used here chat:{id}:cleared
-- KEYS[8]  the time buckets of the entries (sorted set) chat:{id}:ages
-- ARGV[1]  the user id
-- ARGV[2]  the seq the user has read up to (a non-negative integer)
-- ARGV[3]  '1' when only participants may have markers (an authenticated caller): a conversation without
--          participants refuses too; '' when only a direct conversation's participants are checked
--
-- Returns {readSeq, lastSeq, unreadCount} after the update (unreadCount: lib/timeline's unread_count), or {-1} when
-- the user may not have a marker there (nothing is written then).
--- @include lib/timeline
local seq_key, messages_key, participants_key, read_key, uncounted_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[6]
local ages_key = KEYS[8]
local user, requested, members_only = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
local policy = retention_policy(ARGV[4])

if not may_act(participants_key, user, members_only) then
    return {-1}
end

local last = last_seq(seq_key, messages_key)

local read_seq = tonumber(redis.call('HGET', read_key, user) or '0')
local target = math.min(requested, last)
if target > read_seq then
    read_seq = target
    redis.call('HSET', read_key, user, string.format('%d', read_seq))
end
local retained = retained_through(messages_key, ages_key, last, policy)
return {read_seq, last, unread_count(uncounted_key, read_seq, last, retained)}
