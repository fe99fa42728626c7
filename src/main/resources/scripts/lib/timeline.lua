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

-- How many messages after `read_seq` up to `last` a reader has not read: the entries in that range (seqs are dense)
-- less those marked uncounted. A user's own messages never count, as posting moves their marker to the message.
-- One ZCOUNT: O(log n), whatever the timeline's length.
local function unread_count(uncounted_key, read_seq, last)
    if read_seq >= last then
        return 0
    end
    return last - read_seq - redis.call('ZCOUNT', uncounted_key, read_seq + 1, last)
end
