-- Clears a conversation's history for one user only: entries up to a seq are hidden from them, on all their devices,
-- while the others see everything; the counter and the conversation id stay.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[5]  how far each user cleared (hash)          chat:{id}:cleared
-- ARGV[1]  the user
-- ARGV[2]  the seq to clear through; '' for the last seq
-- ARGV[3]  '1' when only participants may clear (an authenticated caller), as in mark_read.lua
--
-- Returns {clearedThrough, lastSeq} after the update, or {-1} when the user may not act there (nothing is written).
-- A clear only moves forward and stops at the last seq; it also marks everything it hides read, so no hidden
-- message counts unread.
--- @include lib/timeline
local seq_key, messages_key, participants_key, read_key, cleared_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local user, requested, members_only = ARGV[1], ARGV[2], ARGV[3] == '1'

if not may_act(participants_key, user, members_only) then
    return {-1}
end
local last = last_seq(seq_key, messages_key)
local through = last
if requested ~= '' then
    through = math.min(tonumber(requested), last)
end
local cleared = tonumber(redis.call('HGET', cleared_key, user) or '0')
if through > cleared then
    cleared = through
    redis.call('HSET', cleared_key, user, string.format('%d', cleared))
end
if cleared > tonumber(redis.call('HGET', read_key, user) or '0') then
    redis.call('HSET', read_key, user, string.format('%d', cleared))
end
return {cleared, last}
