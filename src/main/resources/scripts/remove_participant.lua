-- Removes a user from a group with a participant-removed entry at the next seq, in one step; their read marker goes
-- with them. A participant may remove themself; the owner may remove anyone. An owner who leaves leaves the group
-- without one: the others may still add and leave, and nobody removes anyone else.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[5]  the group's settings (hash)               chat:{id}:meta
-- KEYS[6]  the conversation's last activity (string) chat:{id}:activity
-- KEYS[7]  the seq each participant joined at (hash) chat:{id}:joined
-- ARGV[1]  who removes (must be a participant)
-- ARGV[2]  who is removed
-- ARGV[3]  the entry before its seq (MessageCodec writes both parts; the script only joins them)
-- ARGV[4]  the entry after its seq
-- ARGV[5]  the time, epoch milliseconds
-- ARGV[6]  the pub/sub channel of live streams; '' when the caller rings it once replicas confirmed the write
--
-- Returns {1, seq} when removed now; {-1} when the actor is not a participant (or there is no such conversation);
-- {-2} when it is not a group; {-4} when the user is not a participant; {-5} when the actor may not remove them.
-- Nothing is written but in the first case.
local seq_key, messages_key, participants_key, read_key, meta_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local activity_key, joined_key = KEYS[6], KEYS[7]
local actor, user, before_seq, after_seq, now_ms, channel = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]

if redis.call('SISMEMBER', participants_key, actor) == 0 then
    return {-1}
end
if redis.call('HGET', meta_key, 'type') ~= 'group' then
    return {-2}
end
if redis.call('SISMEMBER', participants_key, user) == 0 then
    return {-4}
end
if actor ~= user and redis.call('HGET', meta_key, 'owner') ~= actor then
    return {-5}
end

local seq = tonumber(redis.call('GET', seq_key) or '0')
local top = redis.call('ZREVRANGE', messages_key, 0, 0, 'WITHSCORES')
if top[2] and tonumber(top[2]) > seq then
    seq = tonumber(top[2])
end
seq = seq + 1
redis.call('SET', seq_key, string.format('%d', seq))
local member = before_seq .. string.format('%d', seq) .. after_seq
redis.call('ZADD', messages_key, seq, member)
redis.call('SREM', participants_key, user)
redis.call('HDEL', read_key, user)
redis.call('HDEL', joined_key, user)
if redis.call('HGET', meta_key, 'owner') == user then
    redis.call('HDEL', meta_key, 'owner')
end
redis.call('SET', activity_key, now_ms)
if channel ~= '' then
    redis.call('PUBLISH', channel, member)
end
return {1, seq}
