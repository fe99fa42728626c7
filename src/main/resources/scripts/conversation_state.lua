-- Reads a conversation's last seq, its participants and their read markers in one consistent step.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- ARGV[1]  a user whose marker to read besides the participants' ('' for none)
-- ARGV[2]  the reader, who must be a participant; '' when anyone may read
--
-- Returns {lastSeq, user1, readSeq1, user2, readSeq2, ...}: each participant (a direct conversation has two), then
-- the user of ARGV[1] if given and not a participant; {-1} when the reader is not a participant. A user without a
-- marker has readSeq 0.
local seq_key, messages_key, participants_key, read_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local extra_user, reader = ARGV[1], ARGV[2]

if reader ~= '' and redis.call('SISMEMBER', participants_key, reader) == 0 then
    return {-1}
end

local last_seq = tonumber(redis.call('GET', seq_key) or '0')
local top = redis.call('ZREVRANGE', messages_key, 0, 0, 'WITHSCORES')
if top[2] and tonumber(top[2]) > last_seq then
    last_seq = tonumber(top[2])
end

local users = redis.call('SORT', participants_key, 'ALPHA', 'LIMIT', 0, 16)
if extra_user ~= '' and redis.call('SISMEMBER', participants_key, extra_user) == 0 then
    users[#users + 1] = extra_user
end

local result = {last_seq}
for i = 1, #users do
    result[#result + 1] = users[i]
    result[#result + 1] = tonumber(redis.call('HGET', read_key, users[i]) or '0')
end
return result
