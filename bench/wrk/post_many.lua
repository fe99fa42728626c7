-- POST a message to one of 1,000 conversations, chosen at random per request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local body = '{"senderId":"alice","body":"The quick brown fox jumps over the lazy dog while the sequencer keeps every message in order."}'
request = function()
    return wrk.format(nil, "/v1/conversations/bench-" .. math.random(1, 1000) .. "/messages", nil, body)
end
