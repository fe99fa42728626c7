-- The rules every script that reads or writes a timeline shares, each defined once. A script that needs them has an
-- include line naming lib/timeline, and the loader (ScriptConfiguration) puts this text in its place, so each script
-- is still one self-contained text run by EVALSHA, on Redis 6.2 as on a Cluster (these functions take their keys
-- from the script, which got them through KEYS).

-- The last seq the conversation gave: its counter, or the highest stored seq if that is higher (the counter key was
-- lost: deleted, or restored from an older backup). A seq is never given twice.
local function last_seq(seq_key, messages_key)
    local seq = tonumber(redis.call('GET', seq_key) or '0')
    local top = redis.call('ZREVRANGE', messages_key, 0, 0, 'WITHSCORES')
    if top[2] and tonumber(top[2]) > seq then
        seq = tonumber(top[2])
    end
    return seq
end

-- Takes the conversation's next seq, one above last_seq, and records it in the counter.
local function next_seq(seq_key, messages_key)
    local seq = last_seq(seq_key, messages_key) + 1
    redis.call('SET', seq_key, string.format('%d', seq))
    return seq
end

-- Whether `user` may act in the conversation: a participant may; with `members_only` false (nobody identified,
-- mode none) so may anyone in a conversation that has no participants at all (an open one).
local function may_act(participants_key, user, members_only)
    if redis.call('SISMEMBER', participants_key, user) == 1 then
        return true
    end
    return not members_only and redis.call('EXISTS', participants_key) == 0
end

-- Appends an entry at `seq`: joins the two parts the codec wrote around its seq, stores it scored by seq, makes now
-- the conversation's last activity, and rings the doorbell of live streams on `channel` ('' when the caller rings it
-- once replicas confirmed the write). Returns the stored entry.
local function append_entry(messages_key, activity_key, seq, before_seq, after_seq, now_ms, channel)
    local member = before_seq .. string.format('%d', seq) .. after_seq
    redis.call('ZADD', messages_key, seq, member)
    redis.call('SET', activity_key, now_ms)
    if channel ~= '' then
        redis.call('PUBLISH', channel, member)
    end
    return member
end

-- Records that the entry at `seq` is not a message (a membership change), so that no reader counts it unread.
local function mark_uncounted(uncounted_key, seq)
    redis.call('ZADD', uncounted_key, seq, string.format('%d', seq))
end

-- The retention policy from its one ARGV text, "<maxEntries> <maxAgeMs> <nowMs>" (0: no such limit), which the
-- service writes (storage.Retention) for every script that reads entries or counts them.
local function retention_policy(text)
    local max_entries, max_age_ms, now_ms = string.match(text, '^(%d+) (%d+) (%d+)$')
    return {max_entries = tonumber(max_entries), max_age_ms = tonumber(max_age_ms), now_ms = tonumber(now_ms)}
end

-- The highest seq retention has taken from every reader (0: none), and the lowest stored seq (nil: none stored):
-- what was trimmed (seqs are dense from 1 and only retention removes entries, so everything below the lowest stored
-- entry), and what the next write will trim: the oldest entries beyond max_entries and those older than max_age, by
-- the time buckets in `ages_key` (sorted set of the first seq written in each bucket, scored by the bucket's end).
-- Reads apply it at once, so an expired entry is gone for readers the moment it expires, whether or not a write has
-- trimmed it yet. O(log n), no scan.
local function retention_bounds(messages_key, ages_key, last, policy)
    local first = redis.call('ZRANGE', messages_key, 0, 0, 'WITHSCORES')
    if not first[2] then
        return last, nil
    end
    local lowest = tonumber(first[2])
    local through = lowest - 1
    if policy.max_entries > 0 then
        -- the stored seqs are dense, so the excess oldest end at lowest + excess - 1
        local excess = redis.call('ZCARD', messages_key) - policy.max_entries
        if excess > 0 then
            through = lowest + excess - 1
        end
    end
    if policy.max_age_ms > 0 then
        local cutoff = policy.now_ms - policy.max_age_ms
        local live = redis.call('ZRANGEBYSCORE', ages_key, '(' .. string.format('%d', cutoff), '+inf', 'LIMIT', 0, 1)
        if live[1] then
            through = math.max(through, tonumber(live[1]) - 1)
        elseif redis.call('EXISTS', ages_key) == 1 then
            through = last
        end
    end
    return through, lowest
end

-- The highest seq retention has taken from every reader (retention_bounds).
local function retained_through(messages_key, ages_key, last, policy)
    return (retention_bounds(messages_key, ages_key, last, policy))
end

-- The most entries one write trims: a conversation with a long history when retention is first set loses it over
-- many writes, each a bounded step, never in one long blocking script.
local TRIM_BATCH = 1000

-- Applies retention after a write that appended the entry at `seq` (the last): records the time bucket of `seq` when
-- entries expire by age, then removes what retention_bounds names, up to TRIM_BATCH entries, with what only those
-- entries needed: their uncounted marks and their change records. Nothing at all when retention is off.
local function retain(messages_key, ages_key, uncounted_key, changes_key, seq, policy)
    if policy.max_entries == 0 and policy.max_age_ms == 0 then
        return
    end
    if policy.max_age_ms > 0 then
        -- buckets of a thousandth of max_age: an entry outlives max_age by at most that, and never expires early,
        -- as a bucket never ends before one written earlier (a write whose clock is behind joins the open bucket)
        local width = math.max(1000, math.floor(policy.max_age_ms / 1000))
        local ends = (math.floor(policy.now_ms / width) + 1) * width
        local open = redis.call('ZREVRANGE', ages_key, 0, 0, 'WITHSCORES')
        if not open[2] or tonumber(open[2]) < ends then
            -- the first bucket also holds the entries written before max_age was set: their times are unknown, so
            -- they are taken to be as young as this one rather than expired at once
            redis.call('ZADD', ages_key, ends, open[2] and string.format('%d', seq) or '1')
            -- a bucket that has ended is only dropped when one opens: reads skip it either way
            redis.call('ZREMRANGEBYSCORE', ages_key, '-inf', string.format('%d', policy.now_ms - policy.max_age_ms))
        end
    end
    local through, lowest = retention_bounds(messages_key, ages_key, seq, policy)
    if not lowest or lowest > through then
        return
    end
    through = math.min(through, lowest + TRIM_BATCH - 1)
    redis.call('ZREMRANGEBYSCORE', messages_key, '-inf', through)
    redis.call('ZREMRANGEBYSCORE', uncounted_key, '-inf', through)
    local fields = {}
    for trimmed = lowest, through do
        fields[#fields + 1] = string.format('%d', trimmed)
        if #fields == 100 or trimmed == through then
            redis.call('HDEL', changes_key, unpack(fields))
            fields = {}
        end
    end
end

-- How many messages after `read_seq` up to `last` a reader has not read: the entries in that range (seqs are dense)
-- less those marked uncounted, none of those retention took (through `retained`). A user's own messages never count,
-- as posting moves their marker to the message. One ZCOUNT: O(log n), whatever the timeline's length.
local function unread_count(uncounted_key, read_seq, last, retained)
    local from = math.max(read_seq, retained)
    if from >= last then
        return 0
    end
    return last - from - redis.call('ZCOUNT', uncounted_key, from + 1, last)
end
