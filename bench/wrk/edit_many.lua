-- PATCH the next message of this thread's own conversation: each request is a real edit of a message that exists
-- (bench/changes.sh stores them beforehand), never a retry. The conversation is named by the EDIT_CONVERSATION
-- prefix and the thread's number.
local counter = 0
local threads = 0
setup = function(thread)
    threads = threads + 1
    thread:set("conversation", os.getenv("EDIT_CONVERSATION") .. "-" .. threads)
end
request = function()
    counter = counter + 1
    return wrk.format("PATCH", "/v1/conversations/" .. conversation .. "/messages/" .. counter,
        {["Content-Type"] = "application/json"}, '{"senderId":"alice","body":"The quick brown fox, edited."}')
end
