-- Reads one page of a conversation's timeline and the conversation's last seq in one consistent snapshot.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  the conversation's read fence (string)     chat:{id}:fence
-- KEYS[5]  a group's settings (hash)                 chat:{id}:meta
-- KEYS[6]  the seq each participant joined at (hash) chat:{id}:joined
-- KEYS[7]  how far each user cleared (hash)          chat:{id}:cleared
-- KEYS[8]  the time buckets of the entries (sorted set) chat:{id}:ages
-- ARGV[1]  exclusive lower seq bound, or '' for none (then the page is the newest below ARGV[2])
-- ARGV[2]  exclusive upper seq bound, or '' for none
-- ARGV[3]  page size; 0 reads only lastSeq
-- ARGV[4]  the reader, who must be a participant; '' when anyone may read. In a group whose history is visible from
--          joining, the reader sees nothing below the seq they joined at
-- ARGV[5]  '1' to write the fence after reading: a WAIT on this connection that then confirms the fence confirms
--          that replicas hold everything this page shows (replication is in order), so a live stream never shows an
--          entry a failover could take back
-- ARGV[6]  the most bytes of stored entries a page holds; it always holds at least one
-- ARGV[7]  the retention policy (lib/timeline's retention_policy): no reader sees what it took
--
-- Returns {lastSeq, hasMore, retained, beforeJoined, cleared, member...} with the members in ascending seq, or {-1}
-- when the reader is not a participant. retained is the highest seq retention took from everyone, beforeJoined the
-- highest the reader may not see because it came before they joined, cleared the highest they cleared for themself
-- (0: none), so a page can name those ranges instead of leaving silent holes. lastSeq is the counter, or the highest
-- stored seq if the counter key was lost; hasMore is 1 when the range holds messages beyond this page (more entries
-- than the limit, or more bytes than the budget).
--
-- Cost: the range is read in small batches and reading stops at the byte budget, so a page of the largest entries
-- costs Redis what its budget allows, never what its limit in entries would.
--- @include lib/timeline
local seq_key, messages_key, participants_key, fence_key, meta_key, joined_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4],
    KEYS[5], KEYS[6]
local cleared_key, ages_key = KEYS[7], KEYS[8]
local after, before, limit, reader, fence = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5] == '1'
local max_bytes, policy = tonumber(ARGV[6]), retention_policy(ARGV[7])
local BATCH = 16

if reader ~= '' and not may_act(participants_key, reader, true) then
    return {-1}
end

local last = last_seq(seq_key, messages_key)

local upper = '+inf'
if before ~= '' then
    upper = '(' .. before
end
local retained = retained_through(messages_key, ages_key, last, policy)
local before_joined, cleared = 0, 0
if reader ~= '' then
    if redis.call('HGET', meta_key, 'history') == 'joined' then
        before_joined = tonumber(redis.call('HGET', joined_key, reader) or '1') - 1
    end
    cleared = tonumber(redis.call('HGET', cleared_key, reader) or '0')
end
local lower = '-inf'
if retained > 0 or before_joined > 0 or cleared > 0 then
    lower = string.format('%d', math.max(retained, before_joined, cleared) + 1)
end

-- Reads from the exclusive bound towards the other (ascending with `after`, else descending) in batches, until the
-- page is full in entries or in bytes; the first entry is always taken, whatever its size. A batch is small enough
-- that reading past the byte budget costs little, and is addressed by offset, so no score has to be turned into text.
local ascending = after ~= ''
if ascending and lower ~= '-inf' and tonumber(after) < tonumber(lower) then
    after = string.format('%d', tonumber(lower) - 1)
end
local rows, bytes, has_more, done = {}, 0, 0, false
while not done do
    local want = math.min(BATCH, limit + 1 - #rows)
    local batch
    if ascending then
        batch = redis.call('ZRANGEBYSCORE', messages_key, '(' .. after, upper, 'LIMIT', #rows, want)
    else
        batch = redis.call('ZREVRANGEBYSCORE', messages_key, upper, lower, 'LIMIT', #rows, want)
    end
    for i = 1, #batch do
        local member = batch[i]
        if #rows == limit or (#rows > 0 and bytes + #member > max_bytes) then
            has_more, done = 1, true
            break
        end
        rows[#rows + 1] = member
        bytes = bytes + #member
    end
    if #batch < want then
        done = true
    end
end

if fence then
    redis.call('SET', fence_key, last, 'PX', 60000)
end

local result = {last, has_more, retained, before_joined, cleared}
if ascending then
    for i = 1, #rows do
        result[#result + 1] = rows[i]
    end
else
    for i = #rows, 1, -1 do
        result[#result + 1] = rows[i]
    end
end
return result
