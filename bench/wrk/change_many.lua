-- Changes the next message of this thread's own conversation: CHANGE=edit PATCHes it, CHANGE=delete DELETEs it.
-- Each request changes a message that exists (bench/changes.sh stores them beforehand), never a retry. The
-- conversation is named by the CONVERSATION prefix and the thread's number.
local counter = 0
local threads = 0
setup = function(thread)
    threads = threads + 1
    thread:set("conversation", os.getenv("CONVERSATION") .. "-" .. threads)
end
local edit = os.getenv("CHANGE") == "edit"
request = function()
    counter = counter + 1
    local path = "/v1/conversations/" .. conversation .. "/messages/" .. counter
    if edit then
        return wrk.format("PATCH", path, {["Content-Type"] = "application/json"},
            '{"senderId":"alice","body":"The quick brown fox, edited."}')
    end
    return wrk.format("DELETE", path .. "?senderId=alice")
end
