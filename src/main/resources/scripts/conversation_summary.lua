-- What an inbox row shows of one conversation for one user, read in one consistent step: whether the user is in it
-- (the truth an inbox index entry must be confirmed by), the conversation's last seq and last entry, the user's read
-- marker, and a group's type and title. Run once per row of an inbox page, pipelined: each conversation in its slot.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[5]  a group's settings (hash)                 chat:{id}:meta
-- KEYS[6]  the seqs of entries that are not messages  chat:{id}:uncounted
-- KEYS[7]  how far each user cleared (hash)          chat:{id}:cleared
-- KEYS[8]  the time buckets of the entries (sorted set) chat:{id}:ages
-- ARGV[1]  the user
-- ARGV[2]  the retention policy (lib/timeline's retention_policy): what it took is no last entry and counts unread
--          for nobody
--
-- Returns {participant, lastSeq, lastEntry, readSeq, type, title, unread}: participant 1 or 0; lastSeq by the one
-- rule of lib/timeline; the entry with the highest seq ('' when none, or when the user cleared it or retention took
-- it); the user's marker (0 when none, at most lastSeq); a group's type and title ('' when not a group, or without a
-- title); unread by lib/timeline's unread_count.
--- @include lib/timeline
local seq_key, messages_key, participants_key, read_key, meta_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local uncounted_key, cleared_key, ages_key = KEYS[6], KEYS[7], KEYS[8]
local user, policy = ARGV[1], retention_policy(ARGV[2])

local last = last_seq(seq_key, messages_key)
local retained = retained_through(messages_key, ages_key, last, policy)
local top = redis.call('ZREVRANGE', messages_key, 0, 0, 'WITHSCORES')
if top[2] and tonumber(top[2]) <= math.max(retained, tonumber(redis.call('HGET', cleared_key, user) or '0')) then
    top = {}
end
local meta = redis.call('HMGET', meta_key, 'type', 'title')
local read_seq = math.min(tonumber(redis.call('HGET', read_key, user) or '0'), last)
return {redis.call('SISMEMBER', participants_key, user), last, top[1] or '', read_seq, meta[1] or '', meta[2] or '',
    unread_count(uncounted_key, read_seq, last, retained)}
