-- Reads a conversation's last seq, a group's settings, its participants and their read markers in one consistent
-- step.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read markers (hash)    chat:{id}:read
-- KEYS[5]  a group's settings (hash)                 chat:{id}:meta
-- KEYS[6]  the seqs of entries that are not messages  chat:{id}:uncounted
-- KEYS[7]  how far each user cleared (hash), not used here chat:{id}:cleared
-- KEYS[8]  the time buckets of the entries (sorted set) chat:{id}:ages
-- ARGV[1]  a user whose marker to read besides the participants' ('' for none)
-- ARGV[2]  the reader, who must be a participant; '' when anyone may read
-- ARGV[3]  the most participants to list (a group's cap), in id order; 0 lists only the user of ARGV[1]
-- ARGV[4]  the retention policy (lib/timeline's retention_policy): what it took counts unread for nobody
--
-- Returns {lastSeq, type, title, owner, history, user1, readSeq1, unread1, user2, readSeq2, unread2, ...}: type,
-- title, owner and history visibility from a group's settings ('' when not a group), each participant (a direct
-- conversation has two), then the user of ARGV[1] if given and not listed; {-1} when the reader is not a
-- participant. A user without a marker has readSeq 0; unread is lib/timeline's unread_count.
--- @include lib/timeline
local seq_key, messages_key, participants_key, read_key, meta_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local uncounted_key, ages_key = KEYS[6], KEYS[8]
local extra_user, reader, max_users, policy = ARGV[1], ARGV[2], tonumber(ARGV[3]), retention_policy(ARGV[4])

if reader ~= '' and not may_act(participants_key, reader, true) then
    return {-1}
end

local meta = redis.call('HMGET', meta_key, 'type', 'title', 'owner', 'history')
local users = redis.call('SORT', participants_key, 'ALPHA', 'LIMIT', 0, max_users)
if extra_user ~= '' and (max_users == 0 or redis.call('SISMEMBER', participants_key, extra_user) == 0) then
    users[#users + 1] = extra_user
end

local last = last_seq(seq_key, messages_key)
local retained = retained_through(messages_key, ages_key, last, policy)
local result = {last, meta[1] or '', meta[2] or '', meta[3] or '', meta[4] or ''}
for i = 1, #users do
    local read_seq = tonumber(redis.call('HGET', read_key, users[i]) or '0')
    result[#result + 1] = users[i]
    result[#result + 1] = read_seq
    result[#result + 1] = unread_count(uncounted_key, read_seq, last, retained)
end
return result
