-- Edits a message, or deletes it for everyone, as a change entry at the next seq; or finds the change a retry of
-- the same request made.
--
-- KEYS[1]  the conversation's counter               chat:{id}:seq
-- KEYS[2]  the conversation's timeline (sorted set)  chat:{id}:messages
-- KEYS[3]  the conversation's participants (set)     chat:{id}:participants
-- KEYS[4]  a group's settings (hash)                 chat:{id}:meta
-- KEYS[5]  the conversation's last activity (string) chat:{id}:activity
-- KEYS[6]  the seqs of entries that are not messages  chat:{id}:uncounted
-- KEYS[7]  the change entries of each message (hash) chat:{id}:changes
-- KEYS[8]  the time buckets of the entries (sorted set) chat:{id}:ages
-- ARGV[1]  'edit' or 'delete'
-- ARGV[2]  who acts: an edit is the sender's only, a deletion the sender's or a group owner's
-- ARGV[3]  the seq of the message to change
-- ARGV[4]  the change entry before its seq (TimelineCodec writes both parts)
-- ARGV[5]  the change entry after its seq
-- ARGV[6]  the change's time, epoch milliseconds (the conversation's last activity)
-- ARGV[7]  the pub/sub channel of live streams, '' when the caller rings it itself (see post_message.lua)
-- ARGV[8]  '1' when only participants may act (an authenticated caller), as in post_message.lua
-- ARGV[9]  an edit's new body as a JSON string (quoted, escaped); '' for a deletion
-- ARGV[10] an edit's time as a JSON string, the message's editedAt; '' for a deletion
-- ARGV[11] '1' when the sender's delete window has passed: only a group's owner may delete it then
-- ARGV[12] the most edits a message takes (what one message's change record, and so every change of it, may cost)
-- ARGV[13] the retention policy (lib/timeline's retention_policy): a message it took is no entry any more; the write
--          trims what it names
--
-- Returns {1, seq, entry} for a change made now; {0, seq, entry} for a retry that finds it made (an edit to the body
-- the last edit set, a deletion of a deleted message), nothing written; else nothing is written and: {-1} the actor
-- may not act in the conversation, {-2} no entry has that seq, {-3} the entry is not a message, {-4} an edit of a
-- deleted message, {-5} the actor may not change this message, {-6} the sender's delete window has passed, {-7}
-- the message has taken the most edits it may.
--
-- Erasure: a deletion rewrites the message without its body, and every earlier edit entry of it without theirs, so
-- no text of a deleted message stays in the timeline; a retry record holds only a seq, so a retried post reads the
-- deleted message. Neither the message nor its changes count unread any more (lib/timeline's uncounted).
--- @include lib/timeline
local seq_key, messages_key, participants_key, meta_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local activity_key, uncounted_key, changes_key, ages_key = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local action, actor, target = ARGV[1], ARGV[2], tonumber(ARGV[3])
local before_seq, after_seq, now_ms, channel, members_only = ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8] == '1'
local body_json, edited_at_json, window_passed, max_edits = ARGV[9], ARGV[10], ARGV[11] == '1', tonumber(ARGV[12])
local policy = retention_policy(ARGV[13])

-- The JSON string value of `field` in a stored member, with its quotes, and where it starts and ends; nil if none.
local function string_field(member, field)
    local marker = ',"' .. field .. '":"'
    local start = string.find(member, marker, 1, true)
    if not start then
        return nil
    end
    local i = start + #marker
    while true do
        local c = string.sub(member, i, i)
        if c == '\\' then
            i = i + 2
        elseif c == '"' then
            return string.sub(member, start + #marker - 1, i), start, i
        else
            i = i + 1
        end
    end
end

-- The member without its body field.
local function without_body(member)
    local _, start, stop = string_field(member, 'body')
    if not start then
        return member
    end
    return string.sub(member, 1, start - 1) .. string.sub(member, stop + 1)
end

-- Puts `member` in place of the entry at `seq`, which keeps its seq.
local function replace(seq, member)
    redis.call('ZREMRANGEBYSCORE', messages_key, seq, seq)
    redis.call('ZADD', messages_key, seq, member)
end

if not may_act(participants_key, actor, members_only) then
    return {-1}
end
local found = redis.call('ZRANGEBYSCORE', messages_key, target, target, 'LIMIT', 0, 1)[1]
if not found or target <= retained_through(messages_key, ages_key, last_seq(seq_key, messages_key), policy) then
    return {-2}
end
if string.find(found, '^{"seq":%d+,"type":') then
    return {-3}
end
local deleted = string.sub(found, -16) == ',"deleted":true}'
local sender = string.match(found, '"senderId":"([^"]*)"')
local changes = redis.call('HGET', changes_key, tostring(target)) or ''
local latest = string.match(changes, '(%d+)$')

if action == 'edit' then
    if deleted then
        return {-4}
    end
    if sender ~= actor then
        return {-5}
    end
    if latest and string_field(found, 'body') == body_json then
        return {0, tonumber(latest), redis.call('ZRANGEBYSCORE', messages_key, latest, latest, 'LIMIT', 0, 1)[1]}
    end
    local _, edits = string.gsub(changes, '%d+', '')
    if edits >= max_edits then
        return {-7}
    end
elseif deleted then
    return {0, tonumber(latest), redis.call('ZRANGEBYSCORE', messages_key, latest, latest, 'LIMIT', 0, 1)[1]}
elseif redis.call('HGET', meta_key, 'owner') ~= actor then
    if sender ~= actor then
        return {-5}
    end
    if window_passed then
        return {-6}
    end
end

local seq = next_seq(seq_key, messages_key)
local entry = append_entry(messages_key, activity_key, seq, before_seq, after_seq, now_ms, channel)
mark_uncounted(uncounted_key, seq)
redis.call('HSET', changes_key, tostring(target), changes == '' and tostring(seq) or (changes .. ' ' .. seq))

if action == 'edit' then
    local _, start, stop = string_field(found, 'body')
    local message = string.sub(found, 1, start + 7) .. body_json .. string.sub(found, stop + 1)
    local _, edited_start, edited_stop = string_field(message, 'editedAt')
    if edited_start then
        message = string.sub(message, 1, edited_start - 1) .. string.sub(message, edited_stop + 1)
    end
    replace(target, string.sub(message, 1, -2) .. ',"editedAt":' .. edited_at_json .. '}')
else
    replace(target, string.sub(without_body(found), 1, -2) .. ',"deleted":true}')
    mark_uncounted(uncounted_key, target)
    for earlier in string.gmatch(changes, '%d+') do
        local edit = redis.call('ZRANGEBYSCORE', messages_key, earlier, earlier, 'LIMIT', 0, 1)[1]
        if edit then
            replace(tonumber(earlier), without_body(edit))
        end
    end
end
retain(messages_key, ages_key, uncounted_key, changes_key, seq, policy)
return {1, seq, entry}
