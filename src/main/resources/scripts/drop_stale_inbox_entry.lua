-- Drops a conversation from a user's inbox index once the conversation's participants (the truth) showed the user
-- is not in it, unless the entry was (re)written since: a join that writes the index first and the participants
-- second must never lose its entry to a reader that looked in between.
--
-- KEYS[1]  the user's inbox index (sorted set)       chat:{u:<user>}:conversations
-- ARGV[1]  the conversation id
-- ARGV[2]  the newest score the entry may have to be dropped (epoch milliseconds)
--
-- Returns 1 when dropped, 0 when the entry is missing or newer.
local inbox_key = KEYS[1]
local conversation_id, newest = ARGV[1], tonumber(ARGV[2])

local score = redis.call('ZSCORE', inbox_key, conversation_id)
if score and tonumber(score) <= newest then
    return redis.call('ZREM', inbox_key, conversation_id)
end
return 0
