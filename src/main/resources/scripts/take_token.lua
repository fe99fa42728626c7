-- Takes one token from a rate-limit bucket, shared by every instance: a token bucket of `capacity` tokens that
-- refills at `refill` tokens per second, timed by the Redis server's clock so instances' clocks never matter.
--
-- KEYS[1]  the bucket (hash: tokens, at)              chat:{u:<user>}:rate:<limit>
-- ARGV[1]  capacity: the most tokens the bucket holds (the burst)
-- ARGV[2]  refill: tokens added per second (> 0)
--
-- Returns {taken, remaining, waitMillis, fullMillis}: taken 1 when a token was taken (0: refused, nothing taken);
-- the whole tokens left; how long until a token is there (0 when taken); how long until the bucket is full.
-- The bucket expires once it would be full anyway, so idle users cost no memory. A refusal writes nothing: the state
-- stored before gives the same answer later.
local bucket_key = KEYS[1]
local capacity, refill = tonumber(ARGV[1]), tonumber(ARGV[2])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', bucket_key, 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then
    tokens = math.min(capacity, tokens + (now - at) * refill / 1000)
end

local taken = 0
local wait_ms = 0
if tokens >= 1 then
    tokens = tokens - 1
    taken = 1
else
    wait_ms = math.ceil((1 - tokens) * 1000 / refill)
end
local full_ms = math.ceil((capacity - tokens) * 1000 / refill)

if taken == 1 then
    redis.call('HSET', bucket_key, 'tokens', string.format('%.6f', tokens), 'at', string.format('%d', now))
    redis.call('PEXPIRE', bucket_key, full_ms + 1000)
end
return {taken, math.floor(tokens), wait_ms, full_ms}
