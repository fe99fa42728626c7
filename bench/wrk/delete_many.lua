-- DELETE the next message of this thread's own conversation: each request deletes a message that exists and is not
-- deleted yet (bench/changes.sh stores them beforehand), never a retry. The conversation is named by the
-- DELETE_CONVERSATION prefix and the thread's number.
local counter = 0
local threads = 0
setup = function(thread)
    threads = threads + 1
    thread:set("conversation", os.getenv("DELETE_CONVERSATION") .. "-" .. threads)
end
request = function()
    counter = counter + 1
    return wrk.format("DELETE", "/v1/conversations/" .. conversation .. "/messages/" .. counter .. "?senderId=alice")
end
