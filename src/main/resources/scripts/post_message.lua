-- Appends one message to a conversation atomically, or replays the earlier result of the same post.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the post's idempotency record             chat:{id}:idem:...
-- ARGV[1]  the stored message JSON after its seq, e.g. ',"senderId":"alice",...}'
-- ARGV[2]  how long the idempotency record lives, in milliseconds
--
-- Returns {1, seq, member} when the message was stored now, {0, seq, member} when the idempotency record shows
-- it was stored before (nothing is written then).
--
-- Guarantees: the seq is the next one after both the counter and the highest seq stored, so losing the counter
-- key never reuses a seq; every check comes before the first write, so a failure leaves nothing half done and
-- the counter has no gaps; Redis runs the script as one unit, so concurrent posts never share a seq.
local seq_key, messages_key, idem_key = KEYS[1], KEYS[2], KEYS[3]
local member_tail, idem_ttl_ms = ARGV[1], ARGV[2]

local prior = redis.call('GET', idem_key)
if prior then
    local stored = redis.call('ZRANGEBYSCORE', messages_key, prior, prior, 'LIMIT', 0, 1)
    if stored[1] then
        return {0, tonumber(prior), stored[1]}
    end
end

local seq = redis.call('INCR', seq_key)
local top = redis.call('ZREVRANGE', messages_key, 0, 0, 'WITHSCORES')
if top[2] and tonumber(top[2]) >= seq then
    seq = tonumber(top[2]) + 1
    redis.call('SET', seq_key, string.format('%d', seq))
end

local member = '{"seq":' .. string.format('%d', seq) .. member_tail
redis.call('ZADD', messages_key, seq, member)
redis.call('SET', idem_key, seq, 'PX', idem_ttl_ms)
return {1, seq, member}
