-- PATCH the first message of one of 500 conversations, round robin, with a body naming the thread and the round:
-- each request is a real edit (a new message-edited entry), never a retry.
local counter = 0
local threads = 0
setup = function(thread)
    threads = threads + 1
    thread:set("editor", threads)
end
request = function()
    counter = counter + 1
    local body = '{"senderId":"alice","body":"The quick brown fox, edited by ' .. editor .. ' for the '
        .. math.floor(counter / 500) .. ' time."}'
    return wrk.format("PATCH", "/v1/conversations/edit-" .. (counter % 500) .. "/messages/1",
        {["Content-Type"] = "application/json"}, body)
end
